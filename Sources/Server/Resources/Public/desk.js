// Kefu agent desktop (座席工作台): login, presence buttons, the live event list and the
// screen pop. Plain ES module over /api/v1; zh-CN or English from the browser, switchable.

const texts = {
  "zh-CN": {
    title: "座席工作台", tenant: "企业代码", username: "用户名", password: "密码", login: "登录", logout: "退出",
    state: "状态", signIn: "签入", ready: "示闲", notReady: "示忙", signOut: "签出", rest: "小休", meeting: "会议",
    training: "培训", incoming: "来电", caller: "主叫", queue: "队列", events: "实时事件", other: "English",
    states: { signed_out: "已签出", ready: "空闲", not_ready: "示忙", reserved: "振铃", busy: "通话中", wrap_up: "话后处理" },
  },
  en: {
    title: "Agent desktop", tenant: "Tenant code", username: "User name", password: "Password", login: "Log in", logout: "Log out",
    state: "State", signIn: "Sign in", ready: "Ready", notReady: "Not ready", signOut: "Sign out", rest: "Break", meeting: "Meeting",
    training: "Training", incoming: "Incoming call", caller: "Caller", queue: "Queue", events: "Live events", other: "中文",
    states: { signed_out: "Signed out", ready: "Ready", not_ready: "Not ready", reserved: "Ringing", busy: "On a call", wrap_up: "Wrap-up" },
  },
};

let language = localStorage.getItem("kefu.lang") || (navigator.language.startsWith("zh") ? "zh-CN" : "en");
let me = null;
let socket = null;
let lastState = null;

const $ = (selector) => document.querySelector(selector);

function translate() {
  const t = texts[language];
  document.documentElement.lang = language;
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t[element.dataset.i18n];
  $("#lang").textContent = t.other;
  document.title = `Kefu ${t.title}`;
  showState(lastState);
}

function showState(state) {
  lastState = state;
  if (!state) return;
  const name = texts[language].states[state.kind] || state.kind;
  $("#state").textContent = state.reason ? `${name} (${state.reason})` : name;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
    credentials: "same-origin",
  });
  const json = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new Error(json?.error?.message || response.statusText);
  return json;
}

function logEvent(message) {
  const item = document.createElement("li");
  const when = new Date(message.at || Date.now()).toLocaleTimeString(language);
  item.textContent = `${when} ${message.kind} ${message.call_id || ""} ${JSON.stringify(message.details || {})}`;
  $("#events").prepend(item);
}

function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/api/v1/events`);
  socket.onmessage = (frame) => {
    const message = JSON.parse(frame.data);
    if (message.type === "snapshot") {
      const mine = message.agents.find((agent) => agent.id === me?.agent?.id);
      if (mine) showState(mine.state);
      return;
    }
    logEvent(message);
    if (message.kind === "agent.state" && message.agent_id === me?.agent?.id) api("GET", "/api/v1/me").then((who) => showState(who.agent?.state));
    if (message.kind === "call.offered" && message.call) {
      $("#pop-caller").textContent = message.call.caller;
      $("#pop-queue").textContent = message.call.queue || "";
      $("#screenpop").hidden = false;
    }
    if (message.kind === "call.ended") $("#screenpop").hidden = true;
  };
  socket.onclose = () => { if (me) setTimeout(connect, 2000); };
}

function enter(identity) {
  me = identity;
  $("#login").hidden = true;
  $("#desk").hidden = false;
  $("#logout").hidden = false;
  $("#who").textContent = `${identity.name}${identity.tenant ? " @ " + identity.tenant.code : ""}`;
  showState(identity.agent?.state);
  connect();
}

$("#login").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    enter(await api("POST", "/api/v1/login", Object.fromEntries(form)));
    $("#login-error").textContent = "";
  } catch (error) {
    $("#login-error").textContent = error.message;
  }
});

for (const button of document.querySelectorAll("[data-action]")) {
  button.addEventListener("click", async () => {
    if (!me?.agent) return;
    const body = { action: button.dataset.action };
    if (body.action === "not_ready") body.reason = $("#reason").value;
    try {
      const result = await api("POST", `/api/v1/agents/${me.agent.id}/state`, body);
      showState(result.state);
      $("#state-error").textContent = "";
    } catch (error) {
      $("#state-error").textContent = error.message;
    }
  });
}

$("#logout").addEventListener("click", async () => {
  me = null;
  socket?.close();
  await api("POST", "/api/v1/logout");
  location.reload();
});

$("#lang").addEventListener("click", () => {
  language = language === "en" ? "zh-CN" : "en";
  localStorage.setItem("kefu.lang", language);
  translate();
});

translate();
api("GET", "/api/v1/me").then(enter).catch(() => {});
