// Kefu supervisor wallboard (班长监控): live queues (waiting, longest wait, service level
// today, answered, abandoned), agents (state, time in state, current call) and calls, kept
// current by the event stream without reloading; listen / whisper / barge on calls and
// force state on agents; the tenant's notices (通知公告). Loads GET /api/v1/wallboard, then
// follows /api/v1/events.

import { $, api, APIError, element, formatDuration, openEventStream, pathSegment } from "../shared/api.js";
import { createI18n } from "../shared/i18n.js";
import { loadNotices, onNoticeMessage, renderNotices, startNotices } from "../desk/notices.js";

const i18n = createI18n({
  "zh-CN": {
    title: "班长监控", tenant: "企业代码", username: "用户名", password: "密码", login: "登录", logout: "退出", desk: "座席工作台",
    live: "实时连接", queues: "队列", queue: "队列", waiting: "排队", longestWait: "最长等待", serviceLevel: "今日服务水平",
    answered: "接通", abandoned: "放弃", agentsReady: "空闲座席", agentsWorking: "工作中", agentsSignedIn: "已签入",
    agents: "座席", agent: "座席", state: "状态", timeInState: "持续", currentCall: "当前通话", forceState: "强制状态",
    calls: "通话", caller: "主叫", phase: "状态", duration: "时长", supervise: "监控",
    listen: "监听", whisper: "耳语", barge: "强插", intercept: "拦截", release: "强拆", apply: "执行",
    force: { ready: "示闲", sign_out: "签出", not_ready: "示忙" },
    states: { signed_out: "已签出", ready: "空闲", not_ready: "示忙", reserved: "振铃", busy: "通话中", wrap_up: "话后处理" },
    phases: { arrived: "呼入", queued: "排队", offered: "振铃", answered: "通话中", held: "保持中", transferring: "转接中", consulting: "咨询中", conference: "三方通话" },
    notices: "通知公告", noNotices: "暂无通知公告", noticePinned: "置顶", noticeUnread: "未读", noticeUnreadCount: "{count} 条未读", noticeExpires: "有效期至 {time}",
    alerts: "示忙超限告警", groups: "分组统计", groupBy: "分组方式", groupNone: "不分组", group: "分组", notReady: "示忙", none: "（无）",
    dimensions: { team: "班组", site: "场地", partner: "合作公司", region: "区域" },
    alert: { duration: "{agent}：{reason}已 {value} 秒，上限 {maximum} 秒", per_shift: "{agent}：{reason}本班 {value} 次，上限 {maximum} 次",
             per_team: "班组 {team}：{value} 人同时{reason}，上限 {maximum} 人" },
  },
  en: {
    title: "Wallboard", tenant: "Tenant code", username: "User name", password: "Password", login: "Log in", logout: "Log out", desk: "Agent desktop",
    live: "Live", queues: "Queues", queue: "Queue", waiting: "Waiting", longestWait: "Longest wait", serviceLevel: "Service level today",
    answered: "Answered", abandoned: "Abandoned", agentsReady: "Ready", agentsWorking: "Working", agentsSignedIn: "Signed in",
    agents: "Agents", agent: "Agent", state: "State", timeInState: "Time in state", currentCall: "Current call", forceState: "Force state",
    calls: "Calls", caller: "Caller", phase: "Phase", duration: "Duration", supervise: "Supervise",
    listen: "Listen", whisper: "Whisper", barge: "Barge", intercept: "Intercept", release: "Release", apply: "Apply",
    force: { ready: "Ready", sign_out: "Sign out", not_ready: "Not ready" },
    states: { signed_out: "Signed out", ready: "Ready", not_ready: "Not ready", reserved: "Ringing", busy: "On a call", wrap_up: "Wrap-up" },
    phases: { arrived: "Arrived", queued: "Queued", offered: "Ringing", answered: "Talking", held: "On hold", transferring: "Transferring", consulting: "Consulting", conference: "Conference" },
    notices: "Notices", noNotices: "No notices", noticePinned: "Pinned", noticeUnread: "New", noticeUnreadCount: "{count} unread", noticeExpires: "until {time}",
    alerts: "Not-ready limits exceeded", groups: "Groups", groupBy: "Group by", groupNone: "No grouping", group: "Group", notReady: "Not ready", none: "(none)",
    dimensions: { team: "Team", site: "Site", partner: "Partner", region: "Region" },
    alert: { duration: "{agent}: {reason} for {value} s, limit {maximum} s", per_shift: "{agent}: {reason} {value} times this shift, limit {maximum}",
             per_team: "Team {team}: {value} agents in {reason} at once, limit {maximum}" },
  },
});
const t = i18n.t;

let board = null;
let reasons = [];
let stream = null;
let refreshTimer = null;

const snake = (kind) => (kind || "").replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const seconds = (since) => (since ? (Date.now() - Date.parse(since)) / 1000 : null);

function report(error) {
  $("#board-error").textContent = error ? (error instanceof APIError ? error.describe() : String(error)) : "";
}

/** Reloads the snapshot soon (several events in a burst cost one request). */
function refreshSoon(delay = 250) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => load().catch(report), delay);
}

let loading = false;
let staleWhileLoading = false;

/**
 * Loads the snapshot. Events that arrive while it is on its way may be older or newer than
 * the snapshot, so another load follows at once when any did.
 */
async function load() {
  loading = true;
  staleWhileLoading = false;
  try {
    const groupBy = $("#group-by").value;
    board = await api("GET", `/api/v1/wallboard${groupBy ? `?group_by=${encodeURIComponent(groupBy)}` : ""}`);
    render();
  } finally {
    loading = false;
    if (staleWhileLoading) refreshSoon(0);
  }
}

function waitingCalls(queueName) {
  return board.calls.filter((call) => call.phase === "queued" && call.queue === queueName);
}

function renderQueues() {
  const rows = board.queues.map((queue) => {
    const waiting = waitingCalls(queue.name);
    const oldest = waiting.reduce((max, call) => Math.max(max, seconds(call.arrived_at) || 0), 0);
    const longest = waiting.length ? oldest : queue.longest_wait_seconds;
    const row = element("tr", null, { "data-queue": queue.name });
    const level = queue.today.service_level;
    row.append(
      element("td", `${queue.display_name} (${queue.name})`),
      element("td", String(waiting.length), { class: `number waiting${waiting.length ? " alert" : ""}` }),
      element("td", longest == null ? "—" : formatDuration(longest), { class: "number longest" }),
      element("td", level == null ? "—" : `${Math.round(level * 100)}%`, { class: "number" }),
      element("td", String(queue.today.answered), { class: "number answered" }),
      element("td", String(queue.today.abandoned), { class: "number abandoned" }),
      element("td", String(queue.agents.ready), { class: "number" }),
      element("td", String(queue.agents.working), { class: "number" }),
      element("td", String(queue.agents.signed_in), { class: "number" }));
    return row;
  });
  $("#queues").replaceChildren(...rows);
}

// The state a supervisor has chosen in an agent's row and not yet applied, by agent id: the
// rows are rebuilt on every event, and a rebuilt row must not reset the choice to "ready"
// between the supervisor's choosing and pressing Apply (that would force the wrong state).
const forceChoices = new Map();

function forceControls(agent) {
  const box = element("div", null, { class: "actions" });
  const select = element("select", null, { "aria-label": t("forceState") });
  select.append(element("option", t("force.ready"), { value: "ready" }));
  for (const reason of reasons) select.append(element("option", `${t("force.not_ready")} · ${reason.name}`, { value: `not_ready:${reason.code}` }));
  select.append(element("option", t("force.sign_out"), { value: "sign_out" }));
  const chosen = forceChoices.get(agent.id);
  if (chosen && Array.from(select.options).some((option) => option.value === chosen)) select.value = chosen;
  select.addEventListener("change", () => forceChoices.set(agent.id, select.value));
  const apply = element("button", t("apply"), { type: "button", class: "force" });
  apply.addEventListener("click", async () => {
    const [action, reason] = select.value.split(":");
    try {
      await api("POST", `/api/v1/agents/${pathSegment(agent.id)}/state`, reason ? { action, reason } : { action });
      forceChoices.delete(agent.id);
      report(null);
    } catch (error) {
      report(error);
    }
  });
  box.append(select, apply);
  return box;
}

function renderAgents() {
  const rows = board.agents.map((agent) => {
    const row = element("tr", null, { "data-agent": agent.work_number });
    const reason = reasons.find((item) => item.code === agent.state.reason)?.name || agent.state.reason;
    const badge = element("span", t(`states.${agent.state.kind}`) + (reason ? ` · ${reason}` : ""),
      { class: `badge state-${agent.state.kind}`, "data-kind": agent.state.kind });
    const stateCell = element("td", null, { class: "state" });
    stateCell.append(badge);
    const call = board.calls.find((item) => item.call_id === agent.call_id);
    row.append(element("td", `${agent.work_number} ${agent.name}`), stateCell,
      element("td", agent.state_since ? formatDuration(seconds(agent.state_since)) : "—", { class: "number since", "data-since": agent.state_since || "" }),
      element("td", call ? `${call.caller} (${t(`phases.${call.phase}`) || call.phase})` : "—"));
    const force = element("td");
    force.append(forceControls(agent));
    row.append(force);
    return row;
  });
  $("#agents").replaceChildren(...rows);
}

function superviseButtons(call) {
  const box = element("div", null, { class: "actions" });
  const post = (path, body) => async () => {
    try {
      await api("POST", `/api/v1/calls/${pathSegment(call.call_id)}/${path}`, body);
      report(null);
    } catch (error) {
      report(error);
    }
  };
  for (const mode of ["listen", "whisper", "barge"]) {
    const button = element("button", t(mode), { type: "button", "data-supervise": mode });
    button.addEventListener("click", post("supervise", { mode }));
    box.append(button);
  }
  for (const action of ["intercept", "release"]) {
    const button = element("button", t(action), { type: "button", "data-supervise": action });
    button.addEventListener("click", post(action, {}));
    box.append(button);
  }
  return box;
}

function renderCalls() {
  const rows = board.calls.map((call) => {
    const row = element("tr", null, { "data-call": call.call_id });
    const actions = element("td");
    actions.append(superviseButtons(call));
    row.append(element("td", call.caller), element("td", call.queue || "—"),
      element("td", t(`phases.${call.phase}`) || call.phase, { class: "phase", "data-phase": call.phase }),
      element("td", formatDuration(seconds(call.arrived_at)), { class: "number duration", "data-since": call.arrived_at }), actions);
    return row;
  });
  $("#calls").replaceChildren(...rows);
}

/** The not-ready limits exceeded now (the supervisor's alert on a breach). */
function renderAlerts() {
  const alerts = board.alerts || [];
  $("#alerts-panel").hidden = alerts.length === 0;
  const agentName = (id) => {
    const agent = board.agents.find((item) => item.id === id);
    return agent ? `${agent.work_number} ${agent.name}` : id;
  };
  $("#alerts").replaceChildren(...alerts.map((alert) => element("li",
    t(`alert.${alert.limit}`, { agent: agentName(alert.agent_id), team: alert.team_name || alert.team_id || t("none"), reason: alert.reason_name,
                                 value: alert.value, maximum: alert.maximum }),
    { "data-limit": alert.limit, "data-agent": alert.agent_id || "", "data-team": alert.team_id || "" })));
}

function renderGroups() {
  const groups = board.groups || null;
  $("#groups-table").hidden = !groups;
  $("#groups").replaceChildren(...(groups || []).map((group) => {
    const row = element("tr", null, { "data-group": group.key });
    row.append(element("td", group.name || t("none")), element("td", String(group.signed_in), { class: "number" }),
      element("td", String(group.ready), { class: "number" }), element("td", String(group.working), { class: "number" }),
      element("td", String(group.not_ready), { class: "number" }), element("td", String(group.calls), { class: "number" }));
    return row;
  }));
}

function render() {
  if (!board) return;
  renderAlerts();
  renderGroups();
  renderQueues();
  renderAgents();
  renderCalls();
}

/** Applies one stream message: agent states at once, anything about calls by a reload. */
function onMessage(message) {
  if (message.type === "notice") {
    onNoticeMessage(message);
    return;
  }
  if (message.type === "desk") return;
  if (message.type === "snapshot") {
    refreshSoon(0);
    loadNotices().catch(report);
    return;
  }
  if (loading) staleWhileLoading = true;
  if (!board) return;
  if (message.kind === "agent.limit") {
    // A breach just now: the snapshot lists it with the names.
    refreshSoon(0);
    return;
  }
  if (message.kind === "agent.state") {
    const agent = board.agents.find((item) => item.id === message.agent_id);
    if (agent) {
      agent.state = { kind: snake(message.details?.state), reason: message.details?.reason || null };
      agent.state_since = message.at;
      renderAgents();
      document.querySelector(`[data-agent="${agent.work_number}"]`)?.classList.add("flash");
    }
    // The queues' agent counts follow from the new state.
    refreshSoon();
  }
  if (message.call_id) {
    const call = board.calls.find((item) => item.call_id === message.call_id);
    if (message.kind === "call.arrived" && !call && message.call) {
      board.calls.push({ ...message.call });
    } else if (call && message.call) {
      Object.assign(call, message.call);
    } else if (call && (message.kind === "call.ended" || message.kind === "call.rejected")) {
      board.calls = board.calls.filter((item) => item !== call);
    }
    render();
    refreshSoon();
  }
}

/** Ticks the clocks: time in state, call durations, longest waits. */
function tick() {
  $("#clock").textContent = new Date().toLocaleTimeString(i18n.language);
  for (const cell of document.querySelectorAll("[data-since]")) {
    if (cell.dataset.since) cell.textContent = formatDuration(seconds(cell.dataset.since));
  }
  if (board) {
    for (const queue of board.queues) {
      const waiting = waitingCalls(queue.name);
      const cell = document.querySelector(`[data-queue="${queue.name}"] .longest`);
      if (cell && waiting.length) cell.textContent = formatDuration(Math.max(...waiting.map((call) => seconds(call.arrived_at))));
    }
  }
}

async function enter(identity) {
  if (!identity.permissions?.includes("agents.read")) {
    $("#login-error").textContent = new APIError(403, "forbidden", "the wallboard is for supervisors and tenant admins").describe();
    return;
  }
  $("#login").hidden = true;
  $("#board").hidden = false;
  $("#logout").hidden = false;
  $("#who").textContent = `${identity.name}${identity.tenant ? " @ " + identity.tenant.code : ""}`;
  reasons = (await api("GET", "/api/v1/desk").catch(() => ({ not_ready_reasons: [] }))).not_ready_reasons;
  await load().catch(report);
  await startNotices(identity, i18n).catch(report);
  stream = openEventStream(onMessage, { onStatus: (up) => $("#live").classList.toggle("up", up) });
}

$("#login").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    $("#login-error").textContent = "";
    await enter(await api("POST", "/api/v1/login", Object.fromEntries(new FormData(event.target))));
  } catch (error) {
    $("#login-error").textContent = error instanceof APIError ? error.describe() : String(error);
  }
});

$("#logout").addEventListener("click", async () => {
  stream?.close();
  await api("POST", "/api/v1/logout").catch(() => {});
  location.reload();
});

$("#group-by").addEventListener("change", () => load().catch(report));
$("#lang").addEventListener("click", () => i18n.toggle());
i18n.onChange(() => {
  $("#lang").textContent = i18n.otherName;
  document.title = `Kefu ${t("title")}`;
  render();
  renderNotices();
});
i18n.apply();
$("#lang").textContent = i18n.otherName;
document.title = `Kefu ${t("title")}`;
setInterval(tick, 1000);
api("GET", "/api/v1/me").then(enter).catch(() => {});
