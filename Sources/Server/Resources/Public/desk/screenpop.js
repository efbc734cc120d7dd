// The incoming-call screen pop (弹屏): the call as the event stream gives it at once, then
// the customer profile and the caller's recent calls from /api/v1/screen-pop/{callId}.

import { $, api, element } from "../shared/api.js";

/** Shows `call` (stream message's call body) and loads the rest; `i18n` translates. */
export async function showScreenPop(call, i18n, { onError }) {
  const t = i18n.t;
  $("#pop-empty").hidden = true;
  $("#pop-body").hidden = false;
  $("#screenpop").classList.toggle("ringing", call.phase === "offered");
  $("#screenpop").classList.remove("ended");
  $("#pop-caller").textContent = call.caller || "—";
  $("#pop-called").textContent = call.called || "—";
  $("#pop-queue").textContent = call.queue || "—";
  $("#pop-arrived").textContent = call.arrivedAt ? new Date(call.arrivedAt).toLocaleTimeString(i18n.language) : "—";
  showData(call.data || {});
  let pop;
  try {
    pop = await api("GET", `/api/v1/screen-pop/${encodeURIComponent(call.callId)}`);
  } catch (error) {
    onError(error);
    return null;
  }
  if (pop.call?.data) showData(pop.call.data);
  const customer = $("#pop-customer");
  customer.replaceChildren();
  if (pop.customer) {
    const facts = element("dl", null, { class: "facts" });
    facts.append(element("dt", t("customer")), element("dd", pop.customer.name, { id: "pop-customer-name" }),
      element("dt", t("vip")), element("dd", String(pop.customer.vip_tier)),
      element("dt", t("customerNotes")), element("dd", pop.customer.notes || "—"));
    customer.append(facts);
  } else {
    customer.append(element("span", t("noCustomer"), { class: "muted" }));
  }
  const rows = $("#pop-recent");
  rows.replaceChildren();
  for (const recent of pop.recent_calls) {
    const row = element("tr");
    row.append(element("td", new Date(recent.arrived_at).toLocaleString(i18n.language)),
      element("td", recent.agent_work_number || "—"), element("td", recent.disposition),
      element("td", recent.note ? `${recent.note.disposition}: ${recent.note.text}` : "—"));
    rows.append(row);
  }
  if (!pop.recent_calls.length) {
    const row = element("tr");
    row.append(element("td", t("noRecentCalls"), { colspan: 4, class: "muted" }));
    rows.append(row);
  }
  return pop;
}

/** Marks the pop as belonging to a call that ended (kept on screen for the note). */
export function endScreenPop() {
  $("#screenpop").classList.remove("ringing");
  $("#screenpop").classList.add("ended");
}

function showData(data) {
  const list = $("#pop-data");
  list.replaceChildren();
  const entries = Object.entries(data).filter(([key]) => key !== "caller" && key !== "queue");
  for (const [key, value] of entries) list.append(element("dt", key), element("dd", value));
  if (!entries.length) list.append(element("dd", "—", { class: "muted" }));
}
