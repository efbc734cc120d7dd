// The prompts page: text-to-speech prompts, WAV uploads as new versions, the newest
// version's review status and comment, submitting for review, publishing.

import { api, element, APIError } from "../shared/api.js";
import { resourcePage } from "./resource.js";
import { reviewBadge } from "./review.js";

/** Text to speech before saving: speaks the text as the IVR would. */
function previewPanel(t) {
  const panel = element("section", null, { class: "panel toolbar", id: "tts-preview" });
  const text = element("input", null, { id: "tts-text", placeholder: t("prompts.tts"), size: "40" });
  const voice = element("select", null, { id: "tts-voice" });
  for (const name of ["zh", "en"]) voice.append(element("option", name, { value: name }));
  const listen = element("button", t("prompts.preview"), { type: "button" });
  const player = element("audio", null, { controls: true });
  const output = element("span", null, { class: "error" });
  listen.addEventListener("click", async () => {
    output.textContent = "";
    const response = await fetch("/api/v1/config/prompts/tts-preview", {
      method: "POST", headers: { "Content-Type": "application/json" }, credentials: "same-origin",
      body: JSON.stringify({ text: text.value, voice: voice.value }),
    });
    if (!response.ok) {
      const json = await response.json().catch(() => null);
      output.textContent = `${response.status} ${json?.error?.code}: ${json?.error?.message}`;
      return;
    }
    player.src = URL.createObjectURL(await response.blob());
    player.play().catch(() => {});
  });
  panel.append(text, voice, listen, player, output);
  return panel;
}

export function promptsPage(root, context) {
  const { t, canWrite } = context;
  root.append(previewPanel(t));
  return resourcePage(root, context, {
    path: "/api/v1/config/prompts",
    columns: ["name", "description", "published_version"],
    fields: [{ name: "name", label: "name" }, { name: "description", label: "description" }, { name: "tts", label: "prompts.tts", type: "json" }],
    extra(item, cell, reload, output) {
      const newest = item.versions?.[0];
      const column = element("div", null, { class: "prompt-review" });
      cell.append(column);
      if (newest) {
        const review = element("div", null, { class: "review" });
        review.append(element("span", `v${newest.version} `), ...reviewBadge(newest, t));
        column.append(review);
      }
      if (!canWrite) return;
      const file = element("input", null, { type: "file", accept: "audio/wav,.wav", title: t("prompts.upload") });
      file.addEventListener("change", async () => {
        const chosen = file.files[0];
        if (!chosen) return;
        const response = await fetch(`/api/v1/config/prompts/${item.id}/audio`, {
          method: "PUT", headers: { "Content-Type": "audio/wav" }, body: chosen, credentials: "same-origin",
        });
        const json = await response.json().catch(() => null);
        output.textContent = response.ok ? t("common.saved") : `${response.status} ${json?.error?.code}: ${json?.error?.message}`;
        await reload();
      });
      const step = (action, label) => {
        const button = element("button", label, { type: "button", class: `prompt-${action}` });
        button.addEventListener("click", async () => {
          try {
            await api("POST", `/api/v1/config/prompts/${item.id}/${action}`, newest ? { version: newest.version } : {});
            await reload();
          } catch (error) {
            output.textContent = error instanceof APIError ? error.describe() : String(error);
          }
        });
        return button;
      };
      const steps = element("div", null, { class: "toolbar" });
      steps.append(file, step("submit", t("review.submit")), step("publish", t("prompts.publish")));
      column.append(steps);
    },
  });
}
