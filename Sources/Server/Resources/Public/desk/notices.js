// Notices (通知公告) on the agent desktop: the tenant's current notices (pinned first, then
// newest), loaded after login and on every (re)connect of the event stream, updated live
// by its notice messages, with an unread marker remembered per user in this browser.

import { $, api, element } from "../shared/api.js";

let notices = [];
let readIds = new Set();
let storageKey = null;
let i18n = null;

const current = (notice) => !notice.expires_at || Date.parse(notice.expires_at) > Date.now();
const order = (a, b) => (b.pinned - a.pinned) || b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id);

function remember() {
  if (storageKey) localStorage.setItem(storageKey, JSON.stringify([...readIds]));
}

/** Whether the notices tab is what the agent is looking at. */
const visible = () => $('[data-pane="notices"]') && !$('[data-pane="notices"]').hidden;

/** Draws the list and the unread count on the tab. */
export function renderNotices() {
  if (!i18n) return;
  const shown = notices.filter(current);
  const list = $("#notice-list");
  list.replaceChildren(...shown.map((notice) => {
    const unread = !readIds.has(notice.id);
    const item = element("li", null, { "data-notice": notice.id, class: [notice.pinned ? "pinned" : "", unread ? "unread" : ""].join(" ").trim() });
    const head = element("div", null, { class: "notice-head" });
    if (notice.pinned) head.append(element("span", i18n.t("noticePinned"), { class: "tag pin" }));
    if (unread) head.append(element("span", i18n.t("noticeUnread"), { class: "tag new" }));
    head.append(element("strong", notice.title, { class: "notice-title" }));
    const meta = [new Date(notice.created_at).toLocaleString(i18n.language), notice.author];
    if (notice.expires_at) meta.push(i18n.t("noticeExpires", { time: new Date(notice.expires_at).toLocaleString(i18n.language) }));
    item.append(head, element("div", meta.join(" · "), { class: "muted notice-meta" }), element("p", notice.body, { class: "notice-body" }));
    item.addEventListener("click", () => { readIds.add(notice.id); remember(); renderNotices(); });
    return item;
  }));
  $("#notice-empty").hidden = shown.length > 0;
  const unread = shown.filter((notice) => !readIds.has(notice.id)).length;
  const badge = $("#notice-unread");
  badge.textContent = unread ? String(unread) : "";
  badge.hidden = unread === 0;
  badge.title = i18n.t("noticeUnreadCount", { count: unread });
}

/** Starts the notices for `identity` (the logged-in user) and loads them. */
export async function startNotices(identity, translations) {
  i18n = translations;
  storageKey = `kefu.notices.read.${identity.tenant?.code || ""}.${identity.name}`;
  try { readIds = new Set(JSON.parse(localStorage.getItem(storageKey) || "[]")); } catch { readIds = new Set(); }
  await loadNotices();
}

/** Reloads the current notices from the API (after login and on each stream snapshot). */
export async function loadNotices() {
  const { items } = await api("GET", "/api/v1/notices");
  notices = items.sort(order);
  // Forget read marks of notices that are gone, so the stored set stays small.
  readIds = new Set([...readIds].filter((id) => notices.some((notice) => notice.id === id)));
  remember();
  renderNotices();
}

/** Applies a notice message of the event stream (published, updated, withdrawn). */
export function onNoticeMessage(message) {
  notices = notices.filter((notice) => notice.id !== message.notice_id);
  if (message.notice && message.kind !== "notice.withdrawn") {
    notices.push(message.notice);
    notices.sort(order);
    // A changed notice is news again.
    readIds.delete(message.notice_id);
  }
  renderNotices();
}

/** Marks every notice shown as read (the agent opened the notices tab). */
export function markNoticesRead() {
  for (const notice of notices.filter(current)) readIds.add(notice.id);
  remember();
  if (visible()) {
    // The markers stay until the next change, so the agent sees which ones were new.
    const unread = $("#notice-unread");
    unread.hidden = true;
    unread.textContent = "";
  }
}

setInterval(renderNotices, 30_000);
