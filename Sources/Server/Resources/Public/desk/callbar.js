// The call bar's call controls (话务条): each button posts to the call-control route of the
// current call (routes-contract: /api/v1/calls/{id}/<action>) and shows the API's JSON error
// when the route refuses or does not exist yet; click-to-dial with a caller-ID picker.

import { $, api } from "../shared/api.js";

/** Actions that need a transfer or consult target from the target fields. */
const targeted = new Set(["transfer", "consult"]);

/**
 * Wires the call bar's call buttons. `currentCall()` gives the call the buttons act on
 * (or null); `report(error|null)` shows or clears the bar's error line.
 */
export function wireCallControls({ currentCall, report }) {
  for (const button of document.querySelectorAll("[data-call]")) {
    button.addEventListener("click", async () => {
      const call = currentCall();
      const action = button.dataset.call;
      if (!call) return;
      let body;
      if (targeted.has(action)) {
        const value = $("#target-value").value.trim();
        body = { target: { kind: $("#target-kind").value, value } };
      }
      try {
        await api("POST", `/api/v1/calls/${encodeURIComponent(call.callId)}/${action}`, body ?? {});
        report(null);
      } catch (error) {
        report(error);
      }
    });
  }

  $("#dial").addEventListener("click", async () => {
    const destination = $("#dial-number").value.trim();
    try {
      await api("POST", "/api/v1/calls", { destination, callerID: $("#dial-caller-id").value });
      report(null);
    } catch (error) {
      report(error);
    }
  });
}

/** Enables the buttons that make sense for the agent's state and call. */
export function updateCallButtons(state, call) {
  const phase = call?.phase;
  const on = (action, enabled) => {
    const button = document.querySelector(`[data-call="${action}"]`);
    if (button) button.disabled = !enabled;
  };
  const talking = phase === "answered" || phase === "held" || phase === "consulting" || phase === "conferenced";
  on("answer", phase === "offered");
  on("hangup", Boolean(call) && phase !== "ended");
  on("hold", phase === "answered");
  on("resume", phase === "held");
  on("mute", talking && !call?.muted);
  on("unmute", talking && Boolean(call?.muted));
  on("transfer", talking);
  on("consult", talking && phase !== "consulting");
  on("consult/complete", phase === "consulting");
  on("consult/conference", phase === "consulting");
  on("consult/cancel", phase === "consulting" || phase === "conferenced");
  on("survey", talking);
  $("#dial").disabled = !state || state.kind === "signed_out" || (Boolean(call) && phase !== "ended");
}
