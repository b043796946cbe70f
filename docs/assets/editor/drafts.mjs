// Drafts in this browser's localStorage, one per file, so a reload or a closed tab loses nothing.
const PREFIX = "kundenwege-editor:";

export function loadDraft(path) {
  try {
    const saved = JSON.parse(localStorage.getItem(PREFIX + path));
    return saved && typeof saved.text === "string" ? saved : null;
  } catch {
    return null;
  }
}

export function saveDraft(path, text) {
  try {
    localStorage.setItem(PREFIX + path, JSON.stringify({ text, saved: new Date().toISOString() }));
  } catch {
    // Storage full or switched off: the editor works on, only without a draft.
  }
}

export function dropDraft(path) {
  try {
    localStorage.removeItem(PREFIX + path);
  } catch {
    // nothing stored, nothing to clear
  }
}
