// IVR content review (内容审核) in the admin console: the status badge and reviewer's comment
// tenant admins see on flows and prompts, and the platform reviewer's page: the queue of
// submitted versions of every tenant, a flow's document, a prompt's sound, approve / reject.

import { api, element, APIError } from "../shared/api.js";

/** A version's status badge and, when a reviewer wrote one, their comment. */
export function reviewBadge(version, t) {
  const badge = element("span", t(`review.status.${version.status}`), { class: `badge status-${version.status}`, "data-status": version.status });
  const parts = [badge];
  if (version.review_comment) {
    const comment = element("p", null, { class: `review-comment status-${version.status}` });
    comment.append(element("strong", t("review.comment", { reviewer: version.reviewed_by ?? "" })), element("span", version.review_comment));
    parts.push(comment);
  }
  return parts;
}

/**
 * What a flow version changes against the published one, one line per change: flow fields,
 * then nodes added, removed or changed (field: old → new), matched by node id.
 */
export function flowChanges(document, published, t) {
  const text = (value) => (value === undefined ? "∅" : JSON.stringify(value));
  const lines = [];
  const fields = (before, after, prefix) => {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      if (key === "nodes" && !prefix) continue;
      if (text(before[key]) !== text(after[key])) lines.push(`${prefix}${key}: ${text(before[key])} → ${text(after[key])}`);
    }
  };
  fields(published ?? {}, document ?? {}, "");
  const byID = (nodes) => new Map((nodes ?? []).map((node) => [node.id, node]));
  const old = byID(published?.nodes);
  const now = byID(document?.nodes);
  for (const [id, node] of now) {
    if (!old.has(id)) lines.push(t("review.nodeAdded", { node: id, type: node.type ?? "" }));
    else fields(old.get(id), node, `${id}.`);
  }
  for (const id of old.keys()) if (!now.has(id)) lines.push(t("review.nodeRemoved", { node: id }));
  return lines;
}

/** The platform reviewer's page: queue on the left, the chosen version and the decision on the right. */
export async function reviewsPage(root, { t }) {
  const queue = element("table", null, { id: "review-queue" });
  const empty = element("p", t("review.empty"), { class: "muted", id: "review-empty", hidden: true });
  const left = element("section", null, { class: "panel" });
  left.append(element("h2", t("review.queue")), queue, empty);

  const title = element("h2", t("review.pick"), { id: "review-title" });
  const body = element("div", null, { id: "review-body" });
  const comment = element("textarea", null, { id: "review-comment", rows: "3", placeholder: t("review.commentHint") });
  const approve = element("button", t("review.approve"), { type: "button", class: "primary", id: "review-approve" });
  const reject = element("button", t("review.reject"), { type: "button", class: "danger", id: "review-reject" });
  const decide = element("div", null, { class: "toolbar", id: "review-decide", hidden: true });
  decide.append(approve, reject);
  const status = element("p", null, { id: "review-status" });
  const right = element("section", null, { class: "panel review-detail" });
  right.append(title, body, comment, decide, status);
  comment.hidden = true;

  const grid = element("div", null, { class: "editor" });
  grid.append(left, right);
  root.append(grid);

  let chosen = null;

  function report(error) {
    status.className = "error";
    status.textContent = error instanceof APIError ? error.describe() : String(error);
  }

  async function open(item) {
    chosen = item;
    status.textContent = "";
    comment.value = "";
    const detail = await api("GET", `/api/v1/platform/reviews/${item.kind}s/${item.id}`);
    title.textContent = t("review.title", { kind: t(`review.kind.${item.kind}`), name: detail.name, version: detail.version, tenant: detail.tenant.name });
    body.replaceChildren();
    if (item.kind === "flow") {
      const changes = flowChanges(detail.document, detail.published_document, t);
      const list = element("ul", null, { class: "nodes", id: "review-changes" });
      list.append(...(changes.length ? changes : [t("review.noChanges")]).map((line) => element("li", line)));
      body.append(element("h3", detail.published_document ? t("review.changes", { version: detail.published_version }) : t("review.firstVersion")),
        list, element("pre", JSON.stringify(detail.document, null, 2), { class: "lines", id: "review-document" }));
      if (detail.published_document) {
        const previous = element("details");
        previous.append(element("summary", t("review.published", { version: detail.published_version })),
          element("pre", JSON.stringify(detail.published_document, null, 2), { class: "lines" }));
        body.append(previous);
      }
    } else {
      if (detail.tts) body.append(element("p", `${detail.tts.voice}: ${detail.tts.text}`, { id: "review-tts" }));
      body.append(element("audio", null, { controls: true, preload: "none", id: "review-audio",
        src: `/api/v1/platform/reviews/prompts/${item.id}/audio` }));
    }
    comment.hidden = false;
    decide.hidden = false;
  }

  async function reload() {
    const { items } = await api("GET", "/api/v1/platform/reviews");
    queue.replaceChildren();
    const head = element("tr");
    for (const column of ["kind", "tenant", "name", "version", "submitted_at"]) head.append(element("th", t(`review.column.${column}`)));
    head.append(element("th", ""));
    queue.append(head);
    for (const item of items) {
      const row = element("tr", null, { "data-id": item.id, "data-kind": item.kind });
      row.append(element("td", t(`review.kind.${item.kind}`)), element("td", `${item.tenant.name} (${item.tenant.code})`),
        element("td", item.name), element("td", String(item.version)),
        element("td", item.submitted_at ? new Date(item.submitted_at).toLocaleString() : ""));
      const view = element("button", t("review.open"), { type: "button", class: "review-open" });
      view.addEventListener("click", () => open(item).catch(report));
      const cell = element("td");
      cell.append(view);
      row.append(cell);
      queue.append(row);
    }
    empty.hidden = items.length > 0;
  }

  async function decideOn(decision) {
    if (!chosen) return;
    try {
      const text = comment.value.trim();
      const result = await api("POST", `/api/v1/platform/reviews/${chosen.kind}s/${chosen.id}/${decision}`, text ? { comment: text } : {});
      status.className = "ok";
      status.textContent = t(`review.done.${decision}`, { name: result.name, version: result.version });
      chosen = null;
      decide.hidden = true;
      comment.hidden = true;
      body.replaceChildren();
      title.textContent = t("review.pick");
      await reload();
    } catch (error) { report(error); }
  }

  approve.addEventListener("click", () => decideOn("approve"));
  reject.addEventListener("click", () => decideOn("reject"));
  try { await reload(); } catch (error) { report(error); }
}
