// Auto-submit controls marked data-autosubmit (filters, language switcher) without inline handlers,
// which the Content-Security-Policy forbids.
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]")) {
    event.target.form.requestSubmit();
  }
});
