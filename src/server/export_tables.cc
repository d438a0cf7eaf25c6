// The table of exports (table_export.h): each list route of the web UI's table views with its
// sheet's name and columns (the JSON field, the Chinese header, the type). The fields are those
// the route's JSON gives (docs/openapi.yaml); a field a row lacks is an empty cell. Views that
// are not lists of records are not here; decision 0008 "Exports as built" says which and why.
#include "server/table_export.h"

namespace xianjie::server {
namespace {

using service::ExportType;
constexpr ExportType kText = ExportType::kText;
constexpr ExportType kNumber = ExportType::kNumber;
constexpr ExportType kDate = ExportType::kDate;
constexpr ExportType kMoney = ExportType::kMoney;
constexpr ExportType kBool = ExportType::kBool;

std::vector<TableExportSpec> MakeTable() {
  std::vector<TableExportSpec> t;
  // Cases (案件列表, 工作清单: CaseTable).
  t.push_back({"/api/v1/cases", "识别与消除案件", "items", true, {},
               {{"id", "案件号", kNumber},
                {"kind", "类别", kText},
                {"household_id", "户编号", kText},
                {"village_name", "村", kText},
                {"head_name", "户主", kText},
                {"state", "状态", kText},
                {"channel", "渠道", kText},
                {"relapse", "返贫", kBool},
                {"proposed_type", "拟认定类型", kText},
                {"proposed_risks", "拟认定风险", kText},
                {"decided_type", "认定类型", kText},
                {"decided_risks", "认定风险", kText},
                {"open_objections", "未决异议", kNumber},
                {"opened_at", "发起时间", kDate},
                {"updated_at", "更新时间", kDate},
                {"closed_at", "办结时间", kDate},
                {"due/due", "本环节期限", kDate},
                {"due/overdue_days", "逾期天数", kNumber},
                {"due/owner", "责任环节", kText}}});
  // Deadlines (办理时限): the region's open cases per child area.
  t.push_back({"/api/v1/deadlines", "办理时限", "by_area", false, {},
               {{"code", "区划代码", kText},
                {"name", "区域", kText},
                {"open", "在办", kNumber},
                {"overdue", "逾期", kNumber},
                {"due_within_2_days", "两日内到期", kNumber},
                {"paused", "暂停", kNumber},
                {"escalated", "已上报", kNumber}}});
  t.push_back({"/api/v1/cases/timeliness", "识别时效", "by_area", false, {},
               {{"code", "区划代码", kText},
                {"name", "区域", kText},
                {"approved", "认定户数", kNumber},
                {"within_limit", "时限内", kNumber},
                {"share_within_limit", "时限内占比", kNumber},
                {"mean_days", "平均天数", kNumber},
                {"max_days", "最长天数", kNumber},
                {"rejected", "不予认定", kNumber}}});
  // Findings (疑点, 工作清单: FindingsTable).
  t.push_back({"/api/v1/findings", "疑点", "items", true, {},
               {{"id", "编号", kNumber},
                {"check", "规则", kText},
                {"title_zh", "疑点", kText},
                {"household_id", "户编号", kText},
                {"head_name", "户主", kText},
                {"village_name", "村", kText},
                {"detail", "详情", kText},
                {"source_title", "数据来源", kText},
                {"row", "来源行", kNumber},
                {"opened_at", "发现时间", kDate},
                {"state", "状态", kText},
                {"resolved_by", "处理人", kText},
                {"resolved_at", "处理时间", kDate},
                {"note", "说明", kText}}});
  // Plans (帮扶计划).
  t.push_back({"/api/v1/plans", "帮扶计划", "items", true, {},
               {{"id", "计划号", kNumber},
                {"household_id", "户编号", kText},
                {"village_name", "村", kText},
                {"head_name", "户主", kText},
                {"state", "状态", kText},
                {"measures", "措施数", kNumber},
                {"created_by", "制定人", kText},
                {"created_at", "制定时间", kDate},
                {"updated_at", "更新时间", kDate},
                {"completed_by", "完成确认人", kText},
                {"completed_at", "完成时间", kDate},
                {"note", "备注", kText}}});
  // Responsibility (责任人与走访): monitoring objects with their responsible person and visits.
  t.push_back({"/api/v1/responsibility", "责任人与走访", "items", true, {},
               {{"household_id", "户编号", kText},
                {"village_name", "村", kText},
                {"head_name", "户主", kText},
                {"episode/type", "监测类型", kText},
                {"episode/risks", "风险", kText},
                {"episode/identified_on", "识别日期", kDate},
                {"responsible/name", "责任人", kText},
                {"responsible/unit", "单位", kText},
                {"responsible/phone", "电话", kText},
                {"responsible/from", "负责起始", kDate},
                {"last_visit", "最近走访", kDate},
                {"plan_id", "计划号", kNumber},
                {"plan_state", "计划状态", kText}}});
  t.push_back({"/api/v1/visits", "走访记录", "items", true, {},
               {{"id", "编号", kNumber},
                {"household_id", "户编号", kText},
                {"village_name", "村", kText},
                {"head_name", "户主", kText},
                {"visited_on", "走访日期", kDate},
                {"visitor", "走访人", kText},
                {"found", "走访情况", kText},
                {"risks_seen", "发现风险", kText},
                {"recorded_by", "录入人", kText},
                {"recorded_at", "录入时间", kDate}}});
  // Household search (户籍查询).
  t.push_back({"/api/v1/households", "农户", "items", true, {},
               {{"household_id", "户编号", kText},
                {"village_code", "村代码", kText},
                {"village_name", "村", kText},
                {"head_name", "户主", kText},
                {"head_id_number", "户主身份证号", kText},
                {"members", "人口", kNumber},
                {"counted_members", "计入人口", kNumber},
                {"per_capita_yuan", "人均纯收入（元）", kMoney},
                {"status", "状态", kText},
                {"flagged", "预警", kBool},
                {"proposed_type", "拟认定类型", kText}}});
  // Warnings (预警) of the latest run.
  t.push_back({"/api/v1/warnings", "预警", "items", true, {},
               {{"household_id", "户编号", kText},
                {"village_code", "村代码", kText},
                {"village_name", "村", kText},
                {"head_name", "户主", kText},
                {"rules", "触发规则", kText},
                {"proposed_type", "拟认定类型", kText},
                {"risks", "风险", kText},
                {"per_capita_yuan", "人均纯收入（元）", kMoney},
                {"new_warning", "新预警", kBool}}});
  // Applications from the public page (申请).
  t.push_back({"/api/v1/applications", "群众申请", "items", true, {},
               {{"id", "编号", kNumber},
                {"reference", "受理号", kText},
                {"village_name", "村", kText},
                {"received_at", "收到时间", kDate},
                {"applicant_name", "申请人", kText},
                {"id_number", "身份证号", kText},
                {"phone", "电话", kText},
                {"relation", "关系", kText},
                {"text", "申请内容", kText},
                {"household_id", "户编号", kText},
                {"case_id", "案件号", kNumber},
                {"status", "状态", kText},
                {"handled_by", "处理人", kText},
                {"handled_at", "处理时间", kDate},
                {"note", "说明", kText}}});
  // Elimination (消除): candidates and the quality problems of eliminations.
  t.push_back({"/api/v1/elimination/candidates", "消除候选", "items", false, {},
               {{"household_id", "户编号", kText},
                {"village_name", "村", kText},
                {"head_name", "户主", kText},
                {"episode/type", "监测类型", kText},
                {"episode/risks", "风险", kText},
                {"episode/identified_on", "识别日期", kDate},
                {"eligible", "符合条件", kBool},
                {"method", "方式", kText},
                {"line_year", "标准年度", kNumber},
                {"line", "监测标准（元）", kMoney}}});
  t.push_back({"/api/v1/elimination/quality", "消除质量", "items", false, {},
               {{"episode_id", "监测记录号", kNumber},
                {"household_id", "户编号", kText},
                {"village_name", "村", kText},
                {"code", "问题", kText},
                {"message", "说明", kText}}});
  // The verification samples (核查抽样): the draws of the scope's counties.
  t.push_back({"/api/v1/samples", "核查抽样", "items", false, {},
               {{"id", "样本号", kNumber},
                {"county", "县代码", kText},
                {"county_name", "县", kText},
                {"year", "年度", kNumber},
                {"seed", "随机种子", kNumber},
                {"villages", "样本村", kNumber},
                {"households", "样本户", kNumber},
                {"recorded", "已核查户", kNumber},
                {"frame_households", "抽样框户数", kNumber},
                {"latest", "最新", kBool},
                {"closed", "已结束", kBool},
                {"drawn_by", "抽样人", kText},
                {"drawn_at", "抽样时间", kDate},
                {"closed_by", "结束人", kText},
                {"closed_at", "结束时间", kDate}}});
  // Screening runs (筛查批次) and standards (监测标准).
  t.push_back({"/api/v1/runs", "筛查批次", "items", false, {},
               {{"run_id", "批次", kNumber},
                {"started_at", "开始时间", kDate},
                {"province", "省", kText},
                {"county", "县", kText},
                {"year", "年度", kNumber},
                {"standard_hash", "标准", kText},
                {"evaluated", "评估户数", kNumber},
                {"screened", "筛查户数", kNumber},
                {"flagged", "预警户数", kNumber},
                {"new_warnings", "新预警", kNumber},
                {"incremental", "增量", kBool},
                {"seconds", "用时（秒）", kNumber},
                {"user", "发起人", kText}}});
  t.push_back({"/api/v1/standards", "监测标准", "items", false, {},
               {{"name", "名称", kText},
                {"province", "省", kText},
                {"county", "县", kText},
                {"year", "年度", kNumber},
                {"in_force", "生效", kBool},
                {"builtin", "内置", kBool},
                {"origin", "来源", kText},
                {"loaded_at", "载入时间", kDate},
                {"user", "载入人", kText},
                {"content_hash", "内容哈希", kText}}});
  // Imports (导入) and their quarantined rows; department uploads (上传) and theirs.
  t.push_back({"/api/v1/imports", "导入批次", "items", false, {},
               {{"batch_id", "批次", kNumber},
                {"source", "来源", kText},
                {"user", "导入人", kText},
                {"started_at", "开始时间", kDate},
                {"finished_at", "完成时间", kDate},
                {"households_file", "户文件", kText},
                {"members_file", "人员文件", kText}}});
  const std::vector<service::ExportColumn> quarantine = {{"file", "文件", kText},
                                                         {"line", "行", kNumber},
                                                         {"column", "列", kText},
                                                         {"rule", "规则", kText},
                                                         {"value", "值", kText},
                                                         {"message", "说明", kText},
                                                         {"record", "原始记录", kText}};
  t.push_back({"/api/v1/imports/:batch/quarantine", "导入隔离行", "items", false, {"csv"},
               quarantine});
  t.push_back({"/api/v1/uploads/:id/quarantine", "上传隔离行", "items", false, {"csv"},
               quarantine});
  t.push_back({"/api/v1/uploads/:id/unmatched", "未匹配行", "items", false, {},
               {{"row", "行", kNumber},
                {"key", "匹配键", kText},
                {"period", "期间", kText},
                {"event_date", "发生日期", kDate},
                {"values", "数据", kText}}});
  t.push_back({"/api/v1/sources", "部门数据源", "items", false, {},
               {{"name", "代码", kText},
                {"title", "名称", kText},
                {"department", "部门", kText},
                {"frequency", "频次", kText},
                {"uploads", "上传次数", kNumber},
                {"last_upload/uploaded_at", "最近上传", kDate},
                {"days_since_last_upload", "距今天数", kNumber},
                {"health", "状态", kText}}});
  t.push_back({"/api/v1/sources/:name/uploads", "部门上传记录", "items", true, {},
               {{"upload_id", "编号", kNumber},
                {"file", "文件", kText},
                {"user", "上传人", kText},
                {"uploaded_at", "上传时间", kDate},
                {"region_code", "区域", kText},
                {"read", "读取行", kNumber},
                {"accepted", "接受行", kNumber},
                {"quarantined", "隔离行", kNumber},
                {"unmatched", "未匹配", kNumber},
                {"match_rate", "匹配率", kNumber},
                {"warnings", "预警", kNumber},
                {"updated_households", "更新户数", kNumber}}});
  // Administration: users (用户) and the audit log (审计日志).
  t.push_back({"/api/v1/users", "用户", "items", false, {},
               {{"username", "用户名", kText},
                {"display_name", "姓名", kText},
                {"role", "角色", kText},
                {"scope", "范围", kText},
                {"disabled", "停用", kBool},
                {"created_at", "创建时间", kDate},
                {"password_changed_at", "密码修改时间", kDate}}});
  t.push_back({"/api/v1/audit", "审计日志", "items", true, {},
               {{"seq", "序号", kNumber},
                {"time", "时间", kDate},
                {"user", "用户", kText},
                {"action", "操作", kText},
                {"subject", "对象", kText},
                {"detail", "详情", kText}}});
  return t;
}

}  // namespace

const std::vector<TableExportSpec>& TableExports() {
  static const std::vector<TableExportSpec> table = MakeTable();
  return table;
}

}  // namespace xianjie::server
