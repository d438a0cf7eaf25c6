// The table of exports (table_export.h): each list route of the web UI's table views with its
// sheet's name and columns (the JSON field, the Chinese and English headers, the type, and for a
// code its group of config/code_labels.json, so that the cell shows the label the page shows).
// The fields are those the route's JSON gives (docs/openapi.yaml); a field a row lacks is an
// empty cell. Views that are not lists of records are not here; decision 0008 "Exports as built"
// says which and why.
#include "server/table_export.h"

namespace xianjie::server {
namespace {

using service::ExportType;
constexpr ExportType kText = ExportType::kText;
constexpr ExportType kNumber = ExportType::kNumber;
constexpr ExportType kDate = ExportType::kDate;
constexpr ExportType kMoney = ExportType::kMoney;
constexpr ExportType kBool = ExportType::kBool;
constexpr ExportType kCode = ExportType::kCode;

std::vector<TableExportSpec> MakeTable() {
  std::vector<TableExportSpec> t;
  // Cases (案件列表, 工作清单: CaseTable).
  t.push_back({"/api/v1/cases", "识别与消除案件", "Cases", "items", true, {},
               {{"id", "案件号", "Case", kNumber},
                {"kind", "类别", "Kind", kCode, "case_kind"},
                {"household_id", "户编号", "Household id", kText},
                {"village_name", "村", "Village", kText},
                {"head_name", "户主", "Head", kText},
                {"state", "状态", "Step", kCode, "case_state"},
                {"channel", "渠道", "Lead channel", kCode, "channel"},
                {"relapse", "返贫", "Relapse", kBool},
                {"proposed_type", "拟认定类型", "Proposed type", kCode, "type"},
                {"proposed_risks", "拟认定风险", "Proposed risks", kCode, "risk"},
                {"decided_type", "认定类型", "Decided type", kCode, "type"},
                {"decided_risks", "认定风险", "Decided risks", kCode, "risk"},
                {"open_objections", "未决异议", "Open objections", kNumber},
                {"opened_at", "发起时间", "Opened", kDate},
                {"updated_at", "更新时间", "Updated", kDate},
                {"closed_at", "办结时间", "Closed", kDate},
                {"due/due", "本环节期限", "Step due", kDate},
                {"due/overdue_days", "逾期天数", "Days overdue", kNumber},
                {"due/owner", "责任环节", "Step owner", kCode, "role"}}});
  // Deadlines (办理时限): the region's open cases per child area.
  t.push_back({"/api/v1/deadlines", "办理时限", "Deadlines", "by_area", false, {},
               {{"code", "区划代码", "Region code", kText},
                {"name", "区域", "Area", kText},
                {"open", "在办", "Open", kNumber},
                {"overdue", "逾期", "Overdue", kNumber},
                {"due_within_2_days", "两日内到期", "Due within 2 days", kNumber},
                {"paused", "暂停", "Paused", kNumber},
                {"escalated", "已上报", "Escalated", kNumber}}});
  t.push_back({"/api/v1/cases/timeliness", "识别时效", "Timeliness", "by_area", false, {},
               {{"code", "区划代码", "Region code", kText},
                {"name", "区域", "Area", kText},
                {"approved", "认定户数", "Approved", kNumber},
                {"within_limit", "时限内", "Within the limit", kNumber},
                {"share_within_limit", "时限内占比", "Share within the limit", kNumber},
                {"mean_days", "平均天数", "Mean days", kNumber},
                {"max_days", "最长天数", "Most days", kNumber},
                {"rejected", "不予认定", "Rejected", kNumber}}});
  // Findings (疑点, 工作清单: FindingsTable).
  t.push_back({"/api/v1/findings", "疑点", "Findings", "items", true, {},
               {{"id", "编号", "Id", kNumber},
                {"check", "规则", "Check", kText},
                {.field = "title_zh", .header = "疑点", .header_en = "Finding",
                 .field_en = "title_en"},
                {"household_id", "户编号", "Household id", kText},
                {"head_name", "户主", "Head", kText},
                {"village_name", "村", "Village", kText},
                {"detail", "详情", "Detail", kText},
                {"source_title", "数据来源", "Source", kText},
                {"row", "来源行", "Source row", kNumber},
                {"opened_at", "发现时间", "Found", kDate},
                {"state", "状态", "State", kCode, "finding_state"},
                {"resolved_by", "处理人", "Resolved by", kText},
                {"resolved_at", "处理时间", "Resolved", kDate},
                {"note", "说明", "Note", kText}}});
  // Plans (帮扶计划).
  t.push_back({"/api/v1/plans", "帮扶计划", "Assistance plans", "items", true, {},
               {{"id", "计划号", "Plan", kNumber},
                {"household_id", "户编号", "Household id", kText},
                {"village_name", "村", "Village", kText},
                {"head_name", "户主", "Head", kText},
                {"state", "状态", "State", kCode, "plan_state"},
                {"measures", "措施数", "Measures", kNumber},
                {"created_by", "制定人", "Drawn up by", kText},
                {"created_at", "制定时间", "Drawn up", kDate},
                {"updated_at", "更新时间", "Updated", kDate},
                {"completed_by", "完成确认人", "Completed by", kText},
                {"completed_at", "完成时间", "Completed", kDate},
                {"note", "备注", "Note", kText}}});
  // Responsibility (责任人与走访): monitoring objects with their responsible person and visits.
  t.push_back({"/api/v1/responsibility", "责任人与走访", "Responsibility and visits", "items",
               true, {},
               {{"household_id", "户编号", "Household id", kText},
                {"village_name", "村", "Village", kText},
                {"head_name", "户主", "Head", kText},
                {"episode/type", "监测类型", "Monitoring type", kCode, "type"},
                {"episode/risks", "风险", "Risks", kCode, "risk"},
                {"episode/identified_on", "识别日期", "Identified on", kDate},
                {"responsible/name", "责任人", "Responsible person", kText},
                {"responsible/unit", "单位", "Unit", kText},
                {"responsible/phone", "电话", "Phone", kText},
                {"responsible/from", "负责起始", "Responsible since", kDate},
                {"last_visit", "最近走访", "Last visit", kDate},
                {"plan_id", "计划号", "Plan", kNumber},
                {"plan_state", "计划状态", "Plan state", kCode, "plan_state"}}});
  t.push_back({"/api/v1/visits", "走访记录", "Visits", "items", true, {},
               {{"id", "编号", "Id", kNumber},
                {"household_id", "户编号", "Household id", kText},
                {"village_name", "村", "Village", kText},
                {"head_name", "户主", "Head", kText},
                {"visited_on", "走访日期", "Visited on", kDate},
                {"visitor", "走访人", "Visitor", kText},
                {"found", "走访情况", "Found", kText},
                {"risks_seen", "发现风险", "Risks seen", kCode, "risk"},
                {"recorded_by", "录入人", "Recorded by", kText},
                {"recorded_at", "录入时间", "Recorded", kDate}}});
  // Household search (户籍查询).
  t.push_back({"/api/v1/households", "农户", "Households", "items", true, {},
               {{"household_id", "户编号", "Household id", kText},
                {"village_code", "村代码", "Village code", kText},
                {"village_name", "村", "Village", kText},
                {"head_name", "户主", "Head", kText},
                {"head_id_number", "户主身份证号", "Head ID number", kText},
                {"members", "人口", "Members", kNumber},
                {"counted_members", "计入人口", "Counted members", kNumber},
                {"per_capita_yuan", "人均纯收入（元）", "Per-capita net income (yuan)", kMoney},
                {"status", "状态", "Status", kCode, "status"},
                {"flagged", "预警", "Warning", kBool},
                {"proposed_type", "拟认定类型", "Proposed type", kCode, "type"}}});
  // Warnings (预警) of the latest run.
  t.push_back({"/api/v1/warnings", "预警", "Warnings", "items", true, {},
               {{"household_id", "户编号", "Household id", kText},
                {"village_code", "村代码", "Village code", kText},
                {"village_name", "村", "Village", kText},
                {"head_name", "户主", "Head", kText},
                {"rules", "触发规则", "Rules", kCode, "rule"},
                {"proposed_type", "拟认定类型", "Proposed type", kCode, "type"},
                {"risks", "风险", "Risks", kCode, "risk"},
                {"per_capita_yuan", "人均纯收入（元）", "Per-capita net income (yuan)", kMoney},
                {"new_warning", "新预警", "New warning", kBool}}});
  // Applications from the public page (申请).
  t.push_back({"/api/v1/applications", "群众申请", "Applications", "items", true, {},
               {{"id", "编号", "Id", kNumber},
                {"reference", "受理号", "Reference", kText},
                {"village_name", "村", "Village", kText},
                {"received_at", "收到时间", "Received", kDate},
                {"applicant_name", "申请人", "Applicant", kText},
                {"id_number", "身份证号", "ID number", kText},
                {"phone", "电话", "Phone", kText},
                {"relation", "关系", "Applied by", kCode, "application_relation"},
                {"text", "申请内容", "Application", kText},
                {"household_id", "户编号", "Household id", kText},
                {"case_id", "案件号", "Case", kNumber},
                {"status", "状态", "Status", kCode, "application_status"},
                {"handled_by", "处理人", "Handled by", kText},
                {"handled_at", "处理时间", "Handled", kDate},
                {"note", "说明", "Note", kText}}});
  // Elimination (消除): candidates and the quality problems of eliminations.
  t.push_back({"/api/v1/elimination/candidates", "消除候选", "Elimination candidates", "items",
               false, {},
               {{"household_id", "户编号", "Household id", kText},
                {"village_name", "村", "Village", kText},
                {"head_name", "户主", "Head", kText},
                {"episode/type", "监测类型", "Monitoring type", kCode, "type"},
                {"episode/risks", "风险", "Risks", kCode, "risk"},
                {"episode/identified_on", "识别日期", "Identified on", kDate},
                {"eligible", "符合条件", "Eligible", kBool},
                {"method", "方式", "Method", kCode, "method"},
                {"line_year", "标准年度", "Year of the standard", kNumber},
                {"line", "监测标准（元）", "Monitoring line (yuan)", kMoney}}});
  t.push_back({"/api/v1/elimination/quality", "消除质量", "Elimination quality", "items", false,
               {},
               {{"episode_id", "监测记录号", "Episode", kNumber},
                {"household_id", "户编号", "Household id", kText},
                {"village_name", "村", "Village", kText},
                {"code", "问题", "Problem", kCode, "quality_problem"},
                {"message", "说明", "Note", kText}}});
  // The verification samples (核查抽样): the draws of the scope's counties.
  t.push_back({"/api/v1/samples", "核查抽样", "Verification samples", "items", false, {},
               {{"id", "样本号", "Sample", kNumber},
                {"county", "县代码", "County code", kText},
                {"county_name", "县", "County", kText},
                {"year", "年度", "Year", kNumber},
                {"seed", "随机种子", "Seed", kNumber},
                {"villages", "样本村", "Villages", kNumber},
                {"households", "样本户", "Households", kNumber},
                {"recorded", "已核查户", "Households visited", kNumber},
                {"frame_households", "抽样框户数", "Households in the frame", kNumber},
                {"latest", "最新", "Latest", kBool},
                {"closed", "已结束", "Closed", kBool},
                {"drawn_by", "抽样人", "Drawn by", kText},
                {"drawn_at", "抽样时间", "Drawn", kDate},
                {"closed_by", "结束人", "Closed by", kText},
                {"closed_at", "结束时间", "Closed on", kDate}}});
  // Screening runs (筛查批次) and standards (监测标准).
  t.push_back({"/api/v1/runs", "筛查批次", "Screening runs", "items", false, {},
               {{"run_id", "批次", "Run", kNumber},
                {"started_at", "开始时间", "Started", kDate},
                {"province", "省", "Province", kText},
                {"county", "县", "County", kText},
                {"year", "年度", "Year", kNumber},
                {"standard_hash", "标准", "Standard", kText},
                {"evaluated", "评估户数", "Evaluated", kNumber},
                {"screened", "筛查户数", "Screened", kNumber},
                {"flagged", "预警户数", "Flagged", kNumber},
                {"new_warnings", "新预警", "New warnings", kNumber},
                {"incremental", "增量", "Incremental", kBool},
                {"seconds", "用时（秒）", "Seconds", kNumber},
                {"user", "发起人", "Started by", kText}}});
  t.push_back({"/api/v1/standards", "监测标准", "Standards", "items", false, {},
               {{"name", "名称", "Name", kText},
                {"province", "省", "Province", kText},
                {"county", "县", "County", kText},
                {"year", "年度", "Year", kNumber},
                {"in_force", "生效", "In force", kBool},
                {"builtin", "内置", "Built in", kBool},
                {"origin", "来源", "Origin", kText},
                {"loaded_at", "载入时间", "Loaded", kDate},
                {"user", "载入人", "Loaded by", kText},
                {"content_hash", "内容哈希", "Content hash", kText}}});
  // Imports (导入) and their quarantined rows; department uploads (上传) and theirs.
  t.push_back({"/api/v1/imports", "导入批次", "Imports", "items", false, {},
               {{"batch_id", "批次", "Batch", kNumber},
                {"source", "来源", "Source", kText},
                {"user", "导入人", "Imported by", kText},
                {"started_at", "开始时间", "Started", kDate},
                {"finished_at", "完成时间", "Finished", kDate},
                {"households_file", "户文件", "Households file", kText},
                {"members_file", "人员文件", "Members file", kText}}});
  const std::vector<service::ExportColumn> quarantine = {
      {"file", "文件", "File", kText},        {"line", "行", "Line", kNumber},
      {"column", "列", "Column", kText},      {"rule", "规则", "Rule", kText},
      {"value", "值", "Value", kText},        {"message", "说明", "Message", kText},
      {"record", "原始记录", "Record", kText}};
  t.push_back({"/api/v1/imports/:batch/quarantine", "导入隔离行", "Import quarantine", "items",
               false, {"csv"}, quarantine});
  t.push_back({"/api/v1/uploads/:id/quarantine", "上传隔离行", "Upload quarantine", "items",
               false, {"csv"}, quarantine});
  t.push_back({"/api/v1/uploads/:id/unmatched", "未匹配行", "Unmatched rows", "items", false, {},
               {{"row", "行", "Row", kNumber},
                {"key", "匹配键", "Key", kText},
                {"period", "期间", "Period", kText},
                {"event_date", "发生日期", "Event date", kDate},
                {"values", "数据", "Values", kText}}});
  t.push_back({"/api/v1/sources", "部门数据源", "Department sources", "items", false, {},
               {{"name", "代码", "Code", kText},
                {"title", "名称", "Name", kText},
                {"department", "部门", "Department", kText},
                {"frequency", "频次", "Frequency", kCode, "frequency"},
                {"uploads", "上传次数", "Uploads", kNumber},
                {"last_upload/uploaded_at", "最近上传", "Last upload", kDate},
                {"days_since_last_upload", "距今天数", "Days since", kNumber},
                {"health", "状态", "State", kCode, "source_health"}}});
  t.push_back({"/api/v1/sources/:name/uploads", "部门上传记录", "Department uploads", "items", true,
               {},
               {{"upload_id", "编号", "Upload", kNumber},
                {"file", "文件", "File", kText},
                {"user", "上传人", "Uploaded by", kText},
                {"uploaded_at", "上传时间", "Uploaded", kDate},
                {"region_code", "区域", "Region", kText},
                {"read", "读取行", "Rows read", kNumber},
                {"accepted", "接受行", "Accepted", kNumber},
                {"quarantined", "隔离行", "Quarantined", kNumber},
                {"unmatched", "未匹配", "Unmatched", kNumber},
                {"match_rate", "匹配率", "Match rate", kNumber},
                {"warnings", "预警", "Warnings", kNumber},
                {"updated_households", "更新户数", "Households updated", kNumber}}});
  // Administration: users (用户) and the audit log (审计日志).
  t.push_back({"/api/v1/users", "用户", "Users", "items", false, {},
               {{"username", "用户名", "Username", kText},
                {"display_name", "姓名", "Name", kText},
                {"role", "角色", "Role", kCode, "role"},
                {"scope", "范围", "Scope", kText},
                {"disabled", "停用", "Disabled", kBool},
                {"created_at", "创建时间", "Created", kDate},
                {"password_changed_at", "密码修改时间", "Password changed", kDate}}});
  t.push_back({"/api/v1/audit", "审计日志", "Audit log", "items", true, {},
               {{"seq", "序号", "Seq", kNumber},
                {"time", "时间", "Time", kDate},
                {"user", "用户", "User", kText},
                {"action", "操作", "Action", kCode, "action"},
                {"subject", "对象", "Subject", kText},
                {"detail", "详情", "Detail", kText}}});
  return t;
}

}  // namespace

const std::vector<TableExportSpec>& TableExports() {
  static const std::vector<TableExportSpec> table = MakeTable();
  return table;
}

}  // namespace xianjie::server
