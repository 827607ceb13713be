// Page behaviour without inline scripts (the Content-Security-Policy refuses them).
// data-autosubmit on a <select>: submit its form on change (the unit switcher).
// data-print on a button: print the page.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && "autosubmit" in field.dataset && field.form) {
    field.form.requestSubmit();
  }
});
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) {
    window.print();
  }
});
