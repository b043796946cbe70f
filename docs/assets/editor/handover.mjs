// Handing a file over to GitHub without a server or a login of our own: GitHub's own pages for a new file
// (name and content in the address, while it stays short enough) and for editing a file (content via the clipboard).
// The repository and branch come from mkdocs.yml (repo_url, edit_uri), passed to the page at build time.
const LONGEST_ADDRESS = 8000; // GitHub refuses addresses of more than about 8 KB

/** GitHub's addresses for `path` (under journeys/): {edit, folder, fileName, create(text)}. */
export function githubPages({ repoUrl, editUri, journeysFromDocs }, path) {
  const editDocs = new URL(editUri.replace(/^\/+/, "").replace(/\/?$/, "/"), repoUrl.replace(/\/?$/, "/"));
  const editJourneys = new URL(journeysFromDocs, editDocs); // e.g. …/edit/main/journeys/
  const newJourneys = new URL(editJourneys.href.replace(/\/edit\//, "/new/"));
  const slash = path.lastIndexOf("/");
  const folder = path.slice(0, slash + 1);
  const fileName = path.slice(slash + 1);
  const newPage = new URL(folder, newJourneys);
  return {
    edit: new URL(path, editJourneys).href,
    folder: newPage.href,
    fileName,
    create(text) {
      const address = `${newPage.href}?filename=${encodeURIComponent(fileName)}&value=${encodeURIComponent(text)}`;
      return address.length <= LONGEST_ADDRESS ? address : null;
    },
  };
}

/** Put `text` on the clipboard; true if it worked. Falls back to selecting a hidden textarea and copying. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "kw-vh";
    document.body.append(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }
}
