// The demo CRM page (示例 CRM) that the demo tenant's agent desktop embeds for each call: it
// shows the call's data from its address (?phone=&call=&queue=&agent=, as the desk fills in
// the tenant's CRM URL template) and keeps a note per caller in this browser's localStorage,
// standing in for an enterprise's own CRM until an admin sets theirs.

import { createI18n } from "../shared/i18n.js";

const i18n = createI18n({
  "zh-CN": {
    title: "示例 CRM：客户卡片", phone: "来电号码", queue: "队列", agent: "座席工号", call: "呼叫编号",
    notes: "客户备注（保存在本浏览器）", saved: "已保存", none: "（无）",
    about: "这是 Kefu 自带的示例页面，代替企业自己的 CRM。在管理控制台 › 工作台设置中填写 CRM 地址模板即可换成贵公司的系统。",
  },
  en: {
    title: "Demo CRM: customer card", phone: "Caller", queue: "Queue", agent: "Agent", call: "Call",
    notes: "Customer notes (kept in this browser)", saved: "Saved", none: "(none)",
    about: "This page ships with Kefu and stands in for your own CRM. Set your CRM's URL template in the admin console › Desk settings.",
  },
});
i18n.apply();

const query = new URLSearchParams(location.search);
for (const [field, id] of [["phone", "crm-phone"], ["queue", "crm-queue"], ["agent", "crm-agent"], ["call", "crm-call"]]) {
  document.getElementById(id).textContent = query.get(field) || i18n.t("none");
}

const phone = query.get("phone") || "";
const notes = document.getElementById("crm-notes");
const key = `kefu.demo-crm.${phone}`;
notes.value = phone ? localStorage.getItem(key) ?? "" : "";
notes.disabled = !phone;
notes.addEventListener("change", () => {
  localStorage.setItem(key, notes.value);
  document.getElementById("crm-saved").textContent = i18n.t("saved");
});
