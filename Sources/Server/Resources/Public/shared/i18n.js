// Shared translations for the consoles: zh-CN or English, chosen from the browser's
// languages, switchable, remembered in localStorage. Elements name their text with
// data-i18n (text), data-i18n-title and data-i18n-placeholder.

const storageKey = "kefu.lang";

/** The language a page starts in: the one chosen before, else the browser's. */
export function initialLanguage() {
  const chosen = localStorage.getItem(storageKey);
  if (chosen === "en" || chosen === "zh-CN") return chosen;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language || "en"];
  for (const tag of preferred) {
    if (tag.toLowerCase().startsWith("zh")) return "zh-CN";
    if (tag.toLowerCase().startsWith("en")) return "en";
  }
  return "en";
}

/**
 * Translations over `dictionaries` (`{"zh-CN": {...}, en: {...}}`; keys may be dotted paths).
 * `t(key, values)` fills `{name}` placeholders; `apply()` translates the document;
 * `toggle()` switches language and calls the listeners given to `onChange`.
 */
export function createI18n(dictionaries) {
  let language = initialLanguage();
  const listeners = [];

  const lookup = (dictionary, key) => key.split(".").reduce((node, part) => (node == null ? undefined : node[part]), dictionary);

  const t = (key, values = {}) => {
    const text = lookup(dictionaries[language], key) ?? lookup(dictionaries.en, key) ?? key;
    return typeof text === "string" ? text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? `{${name}}`) : text;
  };

  const apply = (root = document) => {
    document.documentElement.lang = language;
    for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
    for (const node of root.querySelectorAll("[data-i18n-title]")) node.title = t(node.dataset.i18nTitle);
    for (const node of root.querySelectorAll("[data-i18n-placeholder]")) node.placeholder = t(node.dataset.i18nPlaceholder);
  };

  return {
    t,
    apply,
    get language() { return language; },
    /** The name of the other language, for the switch button. */
    get otherName() { return language === "en" ? "中文" : "English"; },
    toggle() {
      language = language === "en" ? "zh-CN" : "en";
      localStorage.setItem(storageKey, language);
      apply();
      for (const listener of listeners) listener(language);
    },
    onChange(listener) { listeners.push(listener); },
  };
}
