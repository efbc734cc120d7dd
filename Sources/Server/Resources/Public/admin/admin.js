// The admin console's shell: login, the pages a user's role may open, language switch.

import { api, $, element, APIError } from "../shared/api.js";
import { createI18n } from "../shared/i18n.js";
import { texts } from "./texts.js";
import { resourcePage } from "./resource.js";
import { flowsPage } from "./flows.js";
import { numbersPage } from "./numbers.js";
import { promptsPage } from "./prompts.js";
import { recordingsPage } from "./recordings.js";
import { noticesPage } from "./notices.js";
import { deskPage } from "./desk.js";
import { resources } from "./resources.js";
import { platformUsersPage } from "./platform-users.js";
import { calendarPage } from "./calendar.js";
import { auditPage } from "./audit.js";
import { reviewsPage } from "./review.js";
import { settingsPage } from "./settings.js";

const i18n = createI18n(texts);
const { t } = i18n;

/** Pages by name: what they need and how they render into `#page`. */
const pages = {
  numbers: { permission: "config.read", render: numbersPage },
  flows: { permission: "config.read", render: flowsPage },
  prompts: { permission: "config.read", render: promptsPage },
  queues: { permission: "config.read", render: (root, ctx) => resourcePage(root, ctx, resources.queues) },
  skills: { permission: "config.read", render: (root, ctx) => resourcePage(root, ctx, resources.skills) },
  agents: { permission: "config.read", render: (root, ctx) => resourcePage(root, ctx, resources.agents) },
  users: { permission: "config.read", render: (root, ctx) => resourcePage(root, ctx, resources.users) },
  recordings: { permission: "recordings.play", render: recordingsPage },
  notices: { permission: "notices.write", render: noticesPage },
  desk: { permission: "config.read", render: deskPage },
  tenants: { permission: "platform.manage", render: (root, ctx) => resourcePage(root, ctx, resources.tenants) },
  trunks: { permission: "platform.manage", render: (root, ctx) => resourcePage(root, ctx, resources.trunks) },
  hours: { permission: "config.read", render: calendarPage },
  platformUsers: { permission: "platform.manage", render: platformUsersPage },
  audit: { permission: ["config.write", "platform.manage"], render: auditPage },
  reviews: { permission: "content.review", render: reviewsPage },
  settings: { permission: "platform.manage", render: settingsPage },
};

let me = null;
let current = null;

function show(name) {
  current = name;
  for (const button of $("#nav").children) button.classList.toggle("current", button.dataset.page === name);
  const root = $("#page");
  root.replaceChildren();
  pages[name].render(root, { t, i18n, me, canWrite: me.permissions.includes("config.write") || me.permissions.includes("platform.manage") });
  location.hash = name;
}

function enter(identity) {
  me = identity;
  $("#login").hidden = true;
  $("#console").hidden = false;
  $("#logout").hidden = false;
  $("#who").textContent = `${identity.name}${identity.tenant ? ` · ${identity.tenant.name}` : ""}`;
  const nav = $("#nav");
  nav.replaceChildren();
  const allowed = Object.keys(pages).filter((name) => [].concat(pages[name].permission).some((p) => identity.permissions.includes(p)));
  for (const name of allowed) {
    const button = element("button", t(`nav.${name}`), { type: "button", "data-page": name, "data-i18n": `nav.${name}` });
    button.addEventListener("click", () => show(name));
    nav.append(button);
  }
  const wanted = location.hash.slice(1);
  if (allowed.length) show(allowed.includes(wanted) ? wanted : allowed[0]);
}

async function start() {
  i18n.apply();
  $("#lang").textContent = i18n.otherName;
  $("#lang").addEventListener("click", () => {
    i18n.toggle();
    $("#lang").textContent = i18n.otherName;
    if (current) show(current);
  });
  $("#logout").addEventListener("click", async () => {
    await api("POST", "/api/v1/logout").catch(() => {});
    location.reload();
  });
  $("#login").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = { username: form.get("username"), password: form.get("password") };
    if (form.get("tenant")) body.tenant = form.get("tenant");
    try {
      await api("POST", "/api/v1/login", body);
      enter(await api("GET", "/api/v1/me"));
    } catch (error) {
      $("#login-error").textContent = error instanceof APIError ? error.describe() : String(error);
    }
  });
  try {
    enter(await api("GET", "/api/v1/me"));
  } catch {
    $("#login").hidden = false;
  }
}

start();
