// The service hours page (服务时间): each queue's weekly opening windows and the tenant's
// holidays with make-up working days (调休), edited as rows; the API's error marks the row
// and the input it names (business_hours[1].start, calendar[0].date).

import { api, element, APIError } from "../shared/api.js";

/** An editable table of rows over `columns` (`{name, label, input(value)}`); returns get/set. */
function rowEditor(id, columns, t, blank) {
  const table = element("table", null, { id, class: "rows" });
  const body = element("tbody");
  const add = element("button", t("hours.addRow"), { type: "button", class: "add-row" });
  const head = element("tr");
  for (const column of columns) head.append(element("th", t(column.label)));
  head.append(element("th", ""));
  table.append(element("thead"), body);
  table.firstChild.append(head);

  const append = (values) => {
    const row = element("tr");
    for (const column of columns) {
      const cell = element("td");
      cell.append(column.input(values[column.name]));
      row.append(cell);
    }
    const remove = element("button", t("common.delete"), { type: "button", class: "remove-row" });
    remove.addEventListener("click", () => row.remove());
    const cell = element("td");
    cell.append(remove);
    row.append(cell);
    body.append(row);
  };
  add.addEventListener("click", () => append(blank));
  return {
    table, add,
    set(items) { body.replaceChildren(); for (const item of items) append(item); },
    get() {
      return [...body.rows].map((row) => Object.fromEntries(columns.map((column, index) => {
        const input = row.cells[index].firstChild;
        return [column.name, column.read ? column.read(input) : input.value.trim()];
      })));
    },
    /** Marks the input an API field such as `calendar[2].date` names. */
    mark(field) {
      for (const marked of table.querySelectorAll(".invalid")) marked.classList.remove("invalid");
      const match = /^\w+\[(\d+)\](?:\.(\w+))?/.exec(field || "");
      const row = match && body.rows[Number(match[1])];
      if (!row) return;
      const index = columns.findIndex((column) => column.name === match[2]);
      (index >= 0 ? row.cells[index].firstChild : row).classList.add("invalid");
    },
  };
}

const text = (name, placeholder, size = 8) => (value) => {
  const input = element("input", null, { name, placeholder, size });
  input.value = value ?? "";
  return input;
};

export function calendarPage(root, { t, canWrite }) {
  const hoursPanel = element("section", null, { class: "panel", id: "queue-hours" });
  const queueSelect = element("select", null, { id: "hours-queue" });
  const hoursStatus = element("p", null, { class: "error", id: "hours-status" });
  const hours = rowEditor("hours-rows", [
    { name: "days", label: "hours.days", input: text("days", "mon,tue,wed,thu,fri", 26),
      read: (input) => input.value.split(",").map((day) => day.trim()).filter(Boolean) },
    { name: "start", label: "hours.start", input: text("start", "09:00") },
    { name: "end", label: "hours.end", input: text("end", "18:00") },
  ], t, { days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "18:00" });
  const saveHours = element("button", t("common.save"), { type: "button", class: "primary", id: "hours-save" });
  const queueLabel = element("label");
  queueLabel.append(element("span", t("hours.queue")), queueSelect);
  const hoursBar = element("div", null, { class: "toolbar" });
  hoursBar.append(queueLabel);
  if (canWrite) hoursBar.append(hours.add, saveHours);
  hoursPanel.append(element("h2", t("hours.title")), element("p", t("hours.help"), { class: "hint" }), hoursBar, hours.table, hoursStatus);

  const calendarPanel = element("section", null, { class: "panel", id: "calendar" });
  const calendarStatus = element("p", null, { class: "error", id: "calendar-status" });
  const calendar = rowEditor("calendar-rows", [
    { name: "date", label: "calendar.date", input: (value) => { const input = element("input", null, { name: "date", type: "date" }); input.value = value ?? ""; return input; } },
    { name: "kind", label: "calendar.kind", input: (value) => {
      const select = element("select", null, { name: "kind" });
      for (const kind of ["holiday", "workday"]) select.append(element("option", t(`calendar.${kind}`), { value: kind, selected: kind === value }));
      return select;
    } },
    { name: "name", label: "calendar.name", input: text("name", "国庆节") },
  ], t, { kind: "holiday" });
  const saveCalendar = element("button", t("common.save"), { type: "button", class: "primary", id: "calendar-save" });
  const calendarBar = element("div", null, { class: "toolbar" });
  if (canWrite) calendarBar.append(calendar.add, saveCalendar);
  const zone = element("span", null, { id: "calendar-zone", class: "hint" });
  calendarPanel.append(element("h2", t("calendar.title")), zone, calendarBar, calendar.table, calendarStatus);
  root.append(hoursPanel, calendarPanel);

  const report = (output, editor, error) => {
    output.classList.remove("ok");
    output.textContent = error instanceof APIError ? error.describe() : String(error);
    editor.mark(error?.field);
  };
  const saved = (output, editor) => { editor.mark(null); output.classList.add("ok"); output.textContent = t("common.saved"); };

  async function loadHours() {
    if (!queueSelect.value) return;
    const answer = await api("GET", `/api/v1/config/queues/${queueSelect.value}/hours`);
    hours.set(answer.business_hours);
    hoursStatus.classList.remove("ok");
    hoursStatus.textContent = answer.always_open ? t("hours.alwaysOpen") : "";
  }
  queueSelect.addEventListener("change", () => loadHours().catch((error) => report(hoursStatus, hours, error)));
  saveHours.addEventListener("click", async () => {
    try {
      const answer = await api("PUT", `/api/v1/config/queues/${queueSelect.value}/hours`, { business_hours: hours.get() });
      hours.set(answer.business_hours);
      saved(hoursStatus, hours);
    } catch (error) {
      report(hoursStatus, hours, error);
    }
  });
  saveCalendar.addEventListener("click", async () => {
    try {
      const answer = await api("PUT", "/api/v1/config/calendar", { calendar: calendar.get() });
      calendar.set(answer.calendar);
      saved(calendarStatus, calendar);
    } catch (error) {
      report(calendarStatus, calendar, error);
    }
  });

  (async () => {
    try {
      const { items } = await api("GET", "/api/v1/config/queues");
      for (const queue of items) queueSelect.append(element("option", queue.display_name || queue.name, { value: queue.id, "data-name": queue.name }));
      await loadHours();
    } catch (error) {
      report(hoursStatus, hours, error);
    }
    try {
      const answer = await api("GET", "/api/v1/config/calendar");
      zone.textContent = t("calendar.zone", { zone: answer.time_zone });
      calendar.set(answer.calendar);
    } catch (error) {
      report(calendarStatus, calendar, error);
    }
  })();
}
