// The admin console's texts in zh-CN and English.

export const texts = {
  "zh-CN": {
    title: "管理", logout: "退出",
    login: { tenant: "租户代码", tenantHint: "平台运营人员留空", username: "用户名", password: "密码", submit: "登录" },
    nav: { numbers: "号码与规则", flows: "流程", prompts: "语音", queues: "队列", skills: "技能", agents: "座席", users: "用户",
           recordings: "录音", tenants: "租户", trunks: "中继" },
    common: { create: "新建", save: "保存", edit: "编辑", delete: "删除", cancel: "取消", confirmDelete: "确定删除？", none: "（无）",
              saved: "已保存", deleted: "已删除", search: "查询", play: "播放" },
    numbers: { tester: "来电会怎样？", caller: "主叫号码", number: "接入号", at: "时间", run: "测试", rules: "规则（JSON）" },
    flows: { pick: "选择流程", newName: "新流程名称", validate: "校验", saveDraft: "保存草稿", publish: "发布", dryRun: "模拟运行",
             digits: "按键（逗号分隔）", valid: "校验通过", published: "已发布第 {version} 版", nodes: "节点", version: "第 {version} 版（{status}）",
             problems: "{count} 个问题", path: "模拟路径" },
    prompts: { tts: "TTS 文本", upload: "上传 WAV", publish: "发布最新版", preview: "试听" },
    recordings: { from: "开始", to: "结束", number: "号码" },
    tenants: { quotas: "配额", seats: "座席数", ivrPorts: "IVR 端口" },
  },
  en: {
    title: "Admin", logout: "Log out",
    login: { tenant: "Tenant code", tenantHint: "empty for platform operators", username: "User name", password: "Password", submit: "Log in" },
    nav: { numbers: "Numbers & rules", flows: "Flows", prompts: "Prompts", queues: "Queues", skills: "Skills", agents: "Agents", users: "Users",
           recordings: "Recordings", tenants: "Tenants", trunks: "Trunks" },
    common: { create: "Create", save: "Save", edit: "Edit", delete: "Delete", cancel: "Cancel", confirmDelete: "Delete it?", none: "(none)",
              saved: "Saved", deleted: "Deleted", search: "Search", play: "Play" },
    numbers: { tester: "What would happen to this call?", caller: "Caller", number: "Access number", at: "Time", run: "Try it", rules: "Rules (JSON)" },
    flows: { pick: "Flow", newName: "New flow name", validate: "Validate", saveDraft: "Save draft", publish: "Publish", dryRun: "Dry run",
             digits: "Keys (comma separated)", valid: "No problems", published: "Version {version} published", nodes: "Nodes",
             version: "Version {version} ({status})", problems: "{count} problem(s)", path: "Path taken" },
    prompts: { tts: "TTS text", upload: "Upload WAV", publish: "Publish newest", preview: "Listen" },
    recordings: { from: "From", to: "To", number: "Number" },
    tenants: { quotas: "Quotas", seats: "Seats", ivrPorts: "IVR ports" },
  },
};
