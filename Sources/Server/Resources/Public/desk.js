// Kefu agent desktop (座席工作台): login, the call bar (presence and call controls with
// their timers), the screen pop, call notes, the embedded CRM page (the tenant's URL
// template), notices (通知公告) and the agent's own calls. Plain ES modules over /api/v1 and
// the event stream; zh-CN or English.

import { $, APIError, api, element, formatDuration, openEventStream, pathSegment } from "./shared/api.js";
import { createI18n } from "./shared/i18n.js";
import { texts } from "./desk/texts.js";
import { updateCallButtons, wireCallControls } from "./desk/callbar.js";
import { endScreenPop, showScreenPop } from "./desk/screenpop.js";
import { loadMyCalls, openNote, setDispositions, wireNotes } from "./desk/notes.js";
import { loadNotices, markNoticesRead, onNoticeMessage, renderNotices, startNotices } from "./desk/notices.js";

const i18n = createI18n(texts);
const t = i18n.t;

let me = null;
let settings = { not_ready_reasons: [], disposition_codes: [], caller_ids: [], crm_url_template: null, queues: [] };
let stream = null;
let state = null;
let stateSince = Date.now();
let call = null;

/** `notReady` (event details) and `not_ready` (API bodies) both become `not_ready`. */
const snake = (kind) => (kind || "").replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

function report(error) {
  $("#callbar-error").textContent = error ? (error instanceof APIError ? error.describe() : String(error)) : "";
}

function showState(next, since = Date.now()) {
  if (!next) return;
  const changed = !state || state.kind !== next.kind || state.reason !== next.reason;
  state = next;
  if (changed) stateSince = since;
  const badge = $("#state");
  const name = t(`states.${state.kind}`);
  const reason = settings.not_ready_reasons.find((item) => item.code === state.reason)?.name || state.reason;
  badge.textContent = state.kind === "not_ready" && reason ? `${name} · ${reason}` : name;
  badge.className = `badge state-${state.kind}`;
  badge.dataset.kind = state.kind;
  updateCallButtons(state, call);
}

function showCall() {
  const phase = $("#call-phase");
  if (!call) {
    phase.textContent = t("noCall");
    phase.dataset.phase = "";
  } else {
    phase.textContent = `${t(`phases.${call.phase}`)}${call.muted ? " · " + t("mute") : ""} ${call.caller || ""}`;
    phase.dataset.phase = call.phase;
  }
  updateCallButtons(state, call);
}

function tick() {
  $("#state-timer").textContent = formatDuration((Date.now() - stateSince) / 1000);
  $("#call-timer").textContent = call && call.phase !== "ended" ? formatDuration((Date.now() - call.since) / 1000) : "";
}

function logEvent(message) {
  const when = new Date(message.at || Date.now()).toLocaleTimeString(i18n.language);
  const item = element("li", `${when} ${message.kind} ${message.call_id || ""} ${JSON.stringify(message.details || {})}`);
  $("#events").prepend(item);
  while ($("#events").children.length > 200) $("#events").lastChild.remove();
}

function callFrom(body, phase) {
  return {
    callId: body.call_id, caller: body.caller, called: body.called, queue: body.queue, arrivedAt: body.arrived_at,
    phase: phase || body.phase, since: Date.now(), muted: false,
  };
}

function onMessage(message) {
  if (message.type === "notice") {
    onNoticeMessage(message);
    if (message.kind === "notice.published") logEvent({ ...message, kind: t("noticeArrived", { title: message.notice?.title || "" }) });
    return;
  }
  if (message.type === "desk") {
    // The admin changed the tenant's codes or CRM page: take them without a reload.
    loadSettings().catch(report);
    return;
  }
  if (message.type === "snapshot") {
    // A (re)connect: notices and desk settings may have changed while the stream was down.
    loadNotices().catch(report);
    loadSettings().catch(report);
    const mine = message.agents?.find((agent) => agent.id === me?.agent?.id);
    if (mine) showState(mine.state, Date.parse(mine.state_since) || Date.now());
    const live = message.calls?.find((item) => item.agent_id === me?.agent?.id);
    if (live && (!call || call.callId !== live.call_id)) {
      call = callFrom(live);
      showScreenPop(call, i18n, { onError: report });
    }
    showCall();
    return;
  }
  logEvent(message);
  if (message.kind === "agent.state" && message.agent_id === me?.agent?.id) {
    showState({ kind: snake(message.details?.state), reason: message.details?.reason || null }, Date.parse(message.at) || Date.now());
    return;
  }
  if (message.kind === "agent.limit" && message.agent_id === me?.agent?.id) {
    const details = message.details || {};
    const reason = settings.not_ready_reasons.find((item) => item.code === details.reason)?.name || details.reason;
    $("#callbar-error").textContent = t(`limitAlert.${details.limit}`, { ...details, reason });
    return;
  }
  if (!message.call_id) return;
  const mine = call && call.callId === message.call_id;
  switch (message.kind) {
    case "call.offered":
      if (message.agent_id !== me?.agent?.id) {
        if (mine) { call = null; showCall(); }
        return;
      }
      call = callFrom(message.call || { call_id: message.call_id }, "offered");
      report(null);
      $("#note-status").textContent = "";
      showScreenPop(call, i18n, { onError: report });
      break;
    case "call.answered":
    case "call.resumed":
      if (!mine) return;
      if (message.kind === "call.answered") call.since = Date.now();
      call.phase = "answered";
      break;
    case "call.held": if (mine) call.phase = "held"; break;
    case "call.muted": if (mine) call.muted = true; break;
    case "call.unmuted": if (mine) call.muted = false; break;
    case "call.consulting":
      // ringing or talking: consulting; cancelled, failed or ended: back with the caller.
      if (mine) call.phase = ["ringing", "talking"].includes(message.details?.state) ? "consulting" : "answered";
      break;
    case "call.conferenced": if (mine) call.phase = "conference"; break;
    case "call.transferred": if (mine) call.phase = "transferring"; break;
    case "call.ended":
      if (!mine) return;
      endScreenPop();
      openNote(call.callId, i18n);
      call = null;
      setTimeout(() => loadMyCalls(i18n).catch(report), 1500);
      break;
    default:
      return;
  }
  showCall();
  if (call) showCrm();
}

/** The selected reason's limits and how much of them this shift used (签入 rules). */
function showLimits() {
  const reason = settings.not_ready_reasons.find((item) => item.code === $("#reason").value);
  const box = $("#reason-limits");
  if (!reason) { box.textContent = ""; return; }
  const parts = [];
  if (reason.max_duration_seconds != null) parts.push(t("limits.duration", { minutes: Math.round(reason.max_duration_seconds / 6) / 10 }));
  if (reason.max_per_shift != null) parts.push(t("limits.perShift", { max: reason.max_per_shift, used: reason.used_this_shift ?? 0 }));
  if (reason.max_concurrent_per_team != null) parts.push(t("limits.perTeam", { max: reason.max_concurrent_per_team }));
  box.textContent = `${reason.name}: ${parts.length ? parts.join(" · ") : t("limits.none")}`;
  box.classList.toggle("exceeded", reason.max_per_shift != null && (reason.used_this_shift ?? 0) >= reason.max_per_shift);
}

/** The agent's queues (skill groups) as checkboxes; checked = signed in (or chosen for the next sign-in). */
function fillQueues() {
  const box = $("#queue-choices");
  if (!settings.queues?.length) { box.replaceChildren(element("span", t("noQueues"), { class: "muted" })); return; }
  const signedIn = state && state.kind !== "signed_out";
  const previous = new Map([...box.querySelectorAll("input[data-queue]")].map((input) => [input.dataset.queue, input.checked]));
  box.replaceChildren(...settings.queues.map((queue) => {
    const input = element("input", null, { type: "checkbox", "data-queue": queue.id, name: queue.name });
    input.checked = signedIn ? queue.signed_in : (previous.get(queue.id) ?? true);
    input.addEventListener("change", () => chooseQueues().catch(report));
    const label = element("label", null, { "data-queue-name": queue.name });
    label.append(input, ` ${queue.display_name}`);
    return label;
  }));
}

function chosenQueues() {
  return [...document.querySelectorAll("#queue-choices input[data-queue]:checked")].map((input) => input.dataset.queue);
}

/** While signed in, a changed checkbox changes the queues served at once. */
async function chooseQueues() {
  if (!me?.agent || !state || state.kind === "signed_out") return;
  await api("PUT", `/api/v1/agents/${pathSegment(me.agent.id)}/queues`, { queues: chosenQueues() });
  report(null);
  await reloadSettings();
}

/** Reloads the desk settings: signed-in queues and the reasons' use this shift change with presence. */
async function reloadSettings() {
  settings = await api("GET", "/api/v1/desk");
  fillQueues();
  showLimits();
}

function fillPickers() {
  const reasons = $("#reason");
  const selected = reasons.value;
  reasons.replaceChildren(...settings.not_ready_reasons.map((reason) => element("option", reason.name, { value: reason.code })));
  if (selected) reasons.value = selected;
  fillQueues();
  showLimits();
  const callerIDs = $("#dial-caller-id");
  callerIDs.replaceChildren(...settings.caller_ids.map((number) => element("option", number, { value: number })));
  setDispositions(settings.disposition_codes, i18n);
}

function showCrm() {
  const template = settings.crm_url_template || "";
  const frame = $("#crm");
  if (!template) { frame.hidden = true; $("#crm-empty").hidden = false; return; }
  const values = { caller: call?.caller || "", called: call?.called || "", call_id: call?.callId || "", queue: call?.queue || "",
                   agent: me?.agent?.work_number || "" };
  const url = template.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(values[name] ?? ""));
  if (frame.dataset.url !== url) { frame.src = url; frame.dataset.url = url; }
  frame.hidden = false;
  $("#crm-empty").hidden = true;
}

/** Reloads the desk settings (the tenant's codes, CRM page) after the admin changed them. */
async function loadSettings() {
  settings = await api("GET", "/api/v1/desk");
  const reason = $("#reason").value;
  const callerID = $("#dial-caller-id").value;
  fillPickers();
  if (reason) $("#reason").value = reason;
  if (callerID) $("#dial-caller-id").value = callerID;
  showCrm();
}

function selectTab(name) {
  for (const tab of document.querySelectorAll("[data-tab]")) tab.setAttribute("aria-selected", String(tab.dataset.tab === name));
  for (const pane of document.querySelectorAll("[data-pane]")) pane.hidden = pane.dataset.pane !== name;
  if (name === "my-calls") loadMyCalls(i18n).catch(report);
  if (name === "notices") markNoticesRead();
}

async function enter(identity) {
  me = identity;
  $("#login").hidden = true;
  $("#desk").hidden = false;
  $("#logout").hidden = false;
  $("#wallboard-link").hidden = !identity.permissions?.includes("agents.read");
  $("#who").textContent = `${identity.agent ? identity.agent.work_number + " " : ""}${identity.name}${identity.tenant ? " @ " + identity.tenant.code : ""}`;
  try {
    settings = await api("GET", "/api/v1/desk");
  } catch (error) {
    report(error);
  }
  await startNotices(identity, i18n).catch(report);
  showState(identity.agent?.state || { kind: "signed_out" }, Date.parse(identity.agent?.state_since) || Date.now());
  fillPickers();
  showCall();
  showCrm();
  selectTab("crm");
  stream = openEventStream(onMessage, { onStatus: (up) => $("#live").classList.toggle("up", up) });
}

$("#login").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = Object.fromEntries(new FormData(event.target));
  try {
    $("#login-error").textContent = "";
    await enter(await api("POST", "/api/v1/login", form));
  } catch (error) {
    $("#login-error").textContent = error instanceof APIError ? error.describe() : String(error);
  }
});

for (const button of document.querySelectorAll("[data-presence]")) {
  button.addEventListener("click", async () => {
    if (!me?.agent) return;
    const body = { action: button.dataset.presence };
    if (body.action === "not_ready") body.reason = $("#reason").value;
    if (body.action === "sign_in" && settings.queues?.length) body.queues = chosenQueues();
    try {
      const result = await api("POST", `/api/v1/agents/${pathSegment(me.agent.id)}/state`, body);
      showState(result.state);
      report(null);
    } catch (error) {
      report(error);
    }
    await reloadSettings().catch(() => {});
  });
}

$("#reason").addEventListener("change", showLimits);
for (const tab of document.querySelectorAll("[data-tab]")) tab.addEventListener("click", () => selectTab(tab.dataset.tab));

$("#logout").addEventListener("click", async () => {
  me = null;
  stream?.close();
  await api("POST", "/api/v1/logout").catch(() => {});
  location.reload();
});

$("#lang").addEventListener("click", () => i18n.toggle());
i18n.onChange(() => {
  $("#lang").textContent = i18n.otherName;
  document.title = `Kefu ${t("title")}`;
  if (state) showState(state, stateSince);
  showCall();
  setDispositions(settings.disposition_codes, i18n);
  renderNotices();
  fillQueues();
  showLimits();
});

wireCallControls({ currentCall: () => call, report });
wireNotes(i18n, { onSaved: () => loadMyCalls(i18n).catch(report) });
i18n.apply();
$("#lang").textContent = i18n.otherName;
document.title = `Kefu ${t("title")}`;
setInterval(tick, 1000);
api("GET", "/api/v1/me").then(enter).catch(() => {});
