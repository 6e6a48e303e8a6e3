// A CSV chosen as a file fills the form's text area, so the form sends it as it would pasted text.
"use strict";
document.documentElement.classList.add("js");
for (const input of document.querySelectorAll("input[type=file][data-fills]")) {
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (file) document.getElementById(input.dataset.fills).value = await file.text();
  });
}
