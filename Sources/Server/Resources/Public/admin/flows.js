// The flows page: the flow's newest version in a JSON editor beside its nodes, validation
// problems shown at the node they are about, drafts, review (status badge, the reviewer's
// comment, submit), publishing and the dry run.

import { api, $, element, APIError } from "../shared/api.js";
import { reviewBadge } from "./review.js";

export async function flowsPage(root, { t, canWrite }) {
  const picker = element("select", null, { id: "flow-pick" });
  const newName = element("input", null, { id: "flow-new-name", placeholder: t("flows.newName") });
  const create = element("button", t("common.create"), { type: "button", id: "flow-create" });
  const toolbar = element("div", null, { class: "toolbar panel" });
  toolbar.append(element("label", t("flows.pick")), picker);
  if (canWrite) toolbar.append(newName, create);

  const editor = element("textarea", null, { class: "json", id: "flow-document", spellcheck: "false" });
  const version = element("p", null, { class: "muted", id: "flow-version" });
  const review = element("div", null, { class: "review", id: "flow-review" });
  const actions = element("div", null, { class: "toolbar" });
  const validate = element("button", t("flows.validate"), { type: "button", id: "flow-validate" });
  const save = element("button", t("flows.saveDraft"), { type: "button", id: "flow-save" });
  const submit = element("button", t("review.submit"), { type: "button", id: "flow-submit" });
  const publish = element("button", t("flows.publish"), { type: "button", class: "primary", id: "flow-publish" });
  actions.append(validate);
  if (canWrite) actions.append(save, submit, publish);
  const status = element("p", null, { class: "error", id: "flow-status" });
  const left = element("section", null, { class: "panel" });
  left.append(version, review, editor, actions, status);

  const nodes = element("ul", null, { class: "nodes", id: "flow-nodes" });
  const digits = element("input", null, { id: "dry-digits", placeholder: t("flows.digits") });
  const run = element("button", t("flows.dryRun"), { type: "button", id: "dry-run" });
  const path = element("pre", null, { class: "lines", id: "dry-path" });
  const right = element("section", null, { class: "panel" });
  const dry = element("div", null, { class: "toolbar" });
  dry.append(digits, run);
  right.append(element("h2", t("flows.nodes")), nodes, element("h2", t("flows.dryRun")), dry, path);

  const grid = element("div", null, { class: "editor" });
  grid.append(left, right);
  root.append(toolbar, grid);

  let flows = [];
  /** The version the editor shows (the newest), which submit and publish act on. */
  let shown = null;
  const flowID = () => picker.value;

  function showVersion(newest) {
    shown = newest ?? null;
    version.textContent = newest ? t("flows.version", { version: newest.version, status: t(`review.status.${newest.status}`) }) : t("common.none");
    review.replaceChildren(...(newest ? reviewBadge(newest, t) : []));
  }

  /** The node list from the editor's JSON, with `problems` attached to their nodes. */
  function showNodes(problems = []) {
    nodes.replaceChildren();
    let document;
    try { document = JSON.parse(editor.value || "{}"); } catch { document = {}; }
    const general = problems.filter((problem) => !problem.node);
    const items = (document.nodes || []).map((node) => {
      const item = element("li", null, { "data-node": node.id });
      item.append(element("strong", node.id ?? "?"), element("span", ` ${node.type ?? ""}`, { class: "muted" }));
      return item;
    });
    for (const problem of problems.filter((p) => p.node)) {
      let item = items.find((candidate) => candidate.dataset.node === problem.node);
      if (!item) {
        item = element("li", null, { "data-node": problem.node });
        item.append(element("strong", problem.node));
        items.push(item);
      }
      item.classList.add("has-problem");
      item.append(element("div", `${problem.field}: ${problem.message}`, { class: "problem" }));
    }
    nodes.append(...items);
    for (const problem of general) nodes.append(element("li", `${problem.field}: ${problem.message}`, { class: "problem has-problem" }));
  }

  function report(error) {
    status.className = "error";
    status.textContent = error instanceof APIError ? error.describe() : String(error);
  }

  function documentOrReport() {
    try {
      return JSON.parse(editor.value);
    } catch (failure) {
      report(new APIError(400, "invalid_json", failure.message, "document"));
      editor.classList.add("invalid");
      return null;
    }
  }

  function showValidation(result) {
    showNodes(result.problems);
    editor.classList.toggle("invalid", !result.valid);
    status.className = result.valid ? "ok" : "error";
    status.textContent = result.valid ? t("flows.valid") : t("flows.problems", { count: result.problems.length });
  }

  async function load(id) {
    if (!id) { editor.value = ""; showNodes(); return; }
    const flow = await api("GET", `/api/v1/config/flows/${id}`);
    const newest = flow.versions?.[0];
    editor.value = newest?.document ? JSON.stringify(newest.document, null, 2) : "";
    showVersion(newest);
    status.textContent = "";
    editor.classList.remove("invalid");
    path.textContent = "";
    showNodes();
  }

  async function reloadList(select) {
    ({ items: flows } = await api("GET", "/api/v1/config/flows"));
    picker.replaceChildren(...flows.map((flow) => element("option", `${flow.name}${flow.published_version ? ` (v${flow.published_version})` : ""}`, { value: flow.id })));
    if (select) picker.value = select;
    await load(flowID());
  }

  picker.addEventListener("change", () => load(flowID()).catch(report));
  editor.addEventListener("input", () => showNodes());
  create.addEventListener("click", async () => {
    try {
      const flow = await api("POST", "/api/v1/config/flows", { name: newName.value.trim() });
      newName.value = "";
      await reloadList(flow.id);
    } catch (error) { report(error); }
  });
  validate.addEventListener("click", async () => {
    const document = documentOrReport();
    if (!document) return;
    try { showValidation(await api("POST", `/api/v1/config/flows/${flowID()}/validate`, { document })); } catch (error) { report(error); }
  });
  save.addEventListener("click", async () => {
    const document = documentOrReport();
    if (!document) return;
    try {
      const saved = await api("POST", `/api/v1/config/flows/${flowID()}/versions`, { document });
      showVersion(saved);
      showValidation(await api("POST", `/api/v1/config/flows/${flowID()}/validate`, {}));
    } catch (error) { report(error); }
  });
  submit.addEventListener("click", async () => {
    try {
      const submitted = await api("POST", `/api/v1/config/flows/${flowID()}/submit`, shown ? { version: shown.version } : {});
      showVersion(submitted);
      status.className = "ok";
      status.textContent = t("review.submitted", { version: submitted.version });
    } catch (error) {
      if (error.status === 422) showValidation(await api("POST", `/api/v1/config/flows/${flowID()}/validate`, {}));
      else report(error);
    }
  });
  publish.addEventListener("click", async () => {
    try {
      const result = await api("POST", `/api/v1/config/flows/${flowID()}/publish`, shown ? { version: shown.version } : {});
      showValidation(result);
      status.textContent = t("flows.published", { version: result.version });
      await reloadList(flowID());
      status.className = "ok";
      status.textContent = t("flows.published", { version: result.version });
    } catch (error) {
      if (error.status === 422) {
        const checked = await api("POST", `/api/v1/config/flows/${flowID()}/validate`, {});
        showValidation(checked);
      } else report(error);
    }
  });
  run.addEventListener("click", async () => {
    try {
      const keys = digits.value.split(",").map((part) => part.trim());
      const result = await api("POST", `/api/v1/config/flows/${flowID()}/dry-run`, { digits: digits.value.trim() === "" ? [] : keys });
      path.textContent = [...result.lines, `→ ${result.awaiting}${result.node ? ` @ ${result.node}` : ""}`].join("\n");
    } catch (error) {
      path.textContent = error instanceof APIError ? error.describe() : String(error);
    }
  });
  try { await reloadList(); } catch (error) { report(error); }
  $("#flow-document")?.focus();
}
