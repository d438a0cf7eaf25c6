// Simplified Chinese messages (the default language). Keys must match en.ts (checked by a test).
export default {
  app: { name: '衔接 · 防返贫监测', short: '衔接' },
  common: {
    actions: '操作', back: '返回', cancel: '取消', confirm: '确定', empty: '暂无数据', error: '出错了',
    no: '否', yes: '是', refresh: '刷新', reset: '重置', save: '保存', search: '查询', user: '用户',
  },
  shell: { changePassword: '修改密码', langEn: 'English', langZh: '中文', logout: '退出登录', toggleMenu: '展开/收起菜单' },
  menu: {
    dashboard: '监测概览', households: '农户查询', warnings: '预警清单', imports: '数据导入', standards: '监测标准',
    runs: '筛查批次', audit: '审计日志', users: '用户管理',
  },
  login: {
    username: '用户名', password: '密码', submit: '登录', required: '请输入用户名和密码',
    failed: '用户名或密码错误', locked: '登录失败次数过多，请稍后再试',
  },
  password: {
    title: '修改密码', old: '原密码', new: '新密码', again: '确认新密码', mismatch: '两次输入的新密码不一致',
    changed: '密码已修改，请重新登录',
  },
  notFound: { title: '页面不存在', home: '回到首页' },
  filters: {
    name: '户主或成员姓名', idNumber: '身份证号', householdId: '户编号', region: '行政区划', type: '监测对象类型',
    rule: '筛查规则', newOnly: '仅新增预警',
  },
  dashboard: {
    households: '农户数', members: '人口数', screened: '已筛查户数', flagged: '预警户数', rate: '预警率',
    newWarnings: '新增预警', byRule: '按规则统计预警户', byType: '按对象类型', byArea: '按地区', trend: '历次筛查趋势',
    area: '地区', myScope: '回到本辖区', noRun: '尚未运行筛查',
    runInfo: '第 {id} 次筛查，{at}，{year} 年度，标准：{standard}',
  },
  household: {
    title: '农户档案', id: '户编号', village: '所在村', head: '户主', headId: '户主身份证号', members: '人数',
    perCapita: '人均纯收入', status: '农户属性', proposedType: '建议类型', notFlagged: '未预警', version: '版本',
    batch: '导入批次', updatedAt: '更新时间', housingSafe: '住房安全', waterSafe: '饮水安全', membersTitle: '家庭成员',
    screeningTitle: '筛查结果',
    forbiddenTitle: '无权查看此户档案', forbiddenText: '这户不在您的管辖范围内。如需查看，请联系上级管理员。',
    exportCsv: '导出 CSV', exportHint: '导出本次查询的全部农户及其成员，身份证号已脱敏。导出操作将记入审计日志。',
  },
  member: {
    name: '姓名', idNumber: '身份证号', relation: '与户主关系', sex: '性别', age: '年龄', labor: '劳动能力',
    health: '健康状况', school: '在校情况', enrolled: '在校', medInsured: '医保', pensionInsured: '养老保险',
    shares: '共同生活',
  },
  income: {
    title: '收入核算', wage: '工资性收入', business: '生产经营性收入', property: '财产性收入', transfer: '转移性收入',
    productionCosts: '生产经营性支出', net: '家庭纯收入', prevNet: '上年度纯收入', countedMembers: '计算人口',
    perCapita: '人均纯收入', belowLine: '低于监测标准 {line}', aboveLine: '不低于监测标准 {line}',
  },
  rigid: { title: '刚性支出', medical: '医疗自付', education: '教育支出', other: '其他刚性支出', total: '合计' },
  explanation: {
    title: '筛查说明', standard: '适用标准', screened: '是否筛查', notScreened: '未筛查（无计算人口）',
    typeBecause: '类型依据', rule: '规则', result: '结果', outcome: { fired: '触发', not_fired: '未触发', unknown: '数据不足' }, when: '条件',
    because: '说明', risk: '建议风险类型',
  },
  history: {
    title: '变更历史', version: '版本 {v}（批次 {batch}）', field: '字段', member: '成员', before: '变更前',
    after: '变更后', noChanges: '无字段变化',
  },
  warnings: {
    rules: '触发规则', risks: '风险类型', new: '新增', newTag: '新', runInfo: '第 {id} 次筛查，{at}，{year} 年度',
  },
  imports: {
    newImport: '导入户和成员数据', files: { households: '农户文件 households.csv', members: '成员文件 members.csv' },
    start: '上传并导入', upload: '上传进度', pickBoth: '请选择农户文件和成员文件', state: '状态', phase: '阶段',
    rows: '已处理行数', downloadQuarantine: '下载隔离行（CSV，修正后可重新导入）', history: '历次导入', batch: '批次',
    startedAt: '开始时间', source: '来源', csv: '隔离行 CSV', file: '文件', read: '读取', accepted: '接收',
    quarantined: '隔离', newHouseholds: '新增户', changedHouseholds: '变更户', unchangedHouseholds: '未变化户',
    withoutCounted: '无计算人口的户', quarantineRule: '隔离原因',
  },
  standard: {
    title: '监测标准', name: '名称', province: '省', county: '县', year: '年度', inForce: '现行', loadedAt: '载入时间',
    origin: '来源', builtin: '内置', hash: '内容哈希', line: '监测标准（元/人/年）', rules: '筛查规则', ruleId: '规则编号',
    toml: '标准文本（TOML）', editDraft: '以此为草稿修改', newDraft: '新建草稿',
  },
  draft: {
    title: '标准草稿', basedOn: '基于：{name}', check: '检查', whatif: '模拟测算', load: '载入为现行标准',
    loadTitle: '载入标准', loadConfirm: '载入后该标准即成为现行标准，下次筛查将按它执行。确定载入吗？',
    loaded: '已载入标准 {name}', ok: '检查通过，没有发现问题', at: '第 {line} 行第 {column} 列',
  },
  whatif: {
    flaggedA: '现行标准预警户', flaggedB: '草稿标准预警户', entering: '新进入', leaving: '退出', byCounty: '按县统计',
    byType: '按类型统计', households: '变化的农户（前 200 户）', county: '县', code: '代码', change: '变化',
    typeA: '现行类型', typeB: '草稿类型', compare: '对比：{a}（现行） → {b}（草稿）',
  },
  runs: {
    id: '批次', startedAt: '开始时间', evaluated: '评估户数', incremental: '增量', seconds: '耗时（秒）',
    run: '运行筛查', start: '开始', done: '筛查完成：第 {id} 次，预警 {flagged} 户',
  },
  audit: {
    seq: '序号', time: '时间', user: '用户', action: '操作', subject: '对象', detail: '详情', verify: '校验哈希链',
    intact: '哈希链完整，共 {n} 条记录', broken: '哈希链在第 {seq} 条处断裂：{reason}',
  },
  users: {
    title: '用户管理', add: '新增用户', username: '用户名', displayName: '姓名', role: '角色', scope: '管辖范围',
    scopeHint: '行政区划代码前缀，如 63、6301、630121', state: '状态', disabled: '已停用', active: '正常',
    createdAt: '创建时间', passwordChangedAt: '密码修改时间', resetPassword: '重置密码', resetFor: '重置 {name} 的密码',
    disable: '停用', enable: '启用', disableConfirm: '停用用户 {name}？其会话将立即结束。', enableConfirm: '启用用户 {name}？',
    added: '已新增用户 {name}', passwordReset: '已重置 {name} 的密码',
  },
  codes: {
    status: { lifted: '脱贫户', ordinary: '一般农户' },
    relation: {
      head: '户主', spouse: '配偶', child: '子女', child_in_law: '儿媳/女婿', grandchild: '孙子女', parent: '父母',
      grandparent: '祖父母', sibling: '兄弟姐妹', other: '其他',
    },
    sex: { M: '男', F: '女' },
    labor: { skilled: '技能劳动力', ordinary: '普通劳动力', weak: '弱劳动力或半劳动力', lost: '丧失劳动力', none: '无劳动力' },
    health: { healthy: '健康', chronic: '长期慢性病', serious: '患大病', disabled: '残疾' },
    school_stage: {
      none: '非在校生', preschool: '学前教育', primary: '小学', junior: '初中', senior: '高中', vocational: '中职/高职',
      college: '大专及以上',
    },
    type: {
      unstable_lifted: '脱贫不稳定户', marginal: '边缘易致贫户', sudden_hardship: '突发严重困难户',
      guarantee_gap: '三保障/饮水问题',
    },
    risk: {
      R01: '因病', R02: '因学', R03: '因残', R04: '因自然灾害', R05: '因意外事故', R06: '因产业项目失败',
      R07: '因务工就业不稳', R08: '缺劳动力', R09: '住房出现安全问题', R10: '义务教育阶段失学辍学', R11: '饮水安全问题',
      R12: '未参加基本医疗保险', R99: '其他',
    },
    rule: {
      income_below_line: '收入低于监测标准', rigid_hardship: '刚性支出致困', income_drop: '收入大幅下降',
      medical_burden: '医疗负担过重', dropout: '义务教育阶段失学', uninsured: '未参加医保', housing_unsafe: '住房不安全',
      water_unsafe: '饮水不安全', no_labour: '无劳动力',
    },
    level: { province: '省', prefecture: '市州', county: '县', township: '乡镇', village: '村' },
    role: {
      admin: '系统管理员', province: '省级', prefecture: '市州级', county: '县级', township: '乡镇级', village: '村级',
      department: '行业部门', auditor: '纪检监督',
    },
    job_state: { queued: '排队中', running: '进行中', done: '已完成', failed: '失败' },
    phase: { 'reading households': '读取农户文件', 'reading members': '读取成员文件', checking: '校验', writing: '写入', done: '完成' },
    change: { entering: '新进入', leaving: '退出', enter: '新进入', leave: '退出', type_changed: '类型变化' },
    field: {
      status: '农户属性', village_code: '所在村', wage_income: '工资性收入', business_income: '生产经营性收入',
      property_income: '财产性收入', transfer_income: '转移性收入', production_costs: '生产经营性支出',
      prev_net_income: '上年度纯收入', rigid_medical: '医疗自付', rigid_education: '教育支出', rigid_other: '其他刚性支出',
      housing_safe: '住房安全', water_safe: '饮水安全', name: '姓名', relation: '与户主关系', sex: '性别',
      birth_date: '出生日期', labor: '劳动能力', health: '健康状况', school_stage: '在校情况', enrolled: '在校',
      med_insured: '医保', pension_insured: '养老保险', shares_household: '共同生活', member: '成员',
    },
    action: {
      'household.read': '查看农户档案', 'household.history': '查看变更历史', 'household.explain': '查看筛查说明',
      export: '导出', 'quarantine.download': '下载隔离行', login: '登录', 'login.failed': '登录失败', logout: '退出登录',
      'user.create': '新增用户', 'user.password': '重置密码', 'user.disable': '停用用户', 'user.enable': '启用用户',
      'password.change': '修改密码',
    },
  },
};
