// Budgetportal: small progressive enhancements. Everything works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Filters submit themselves when htmx is present; the button stays for no-JS use.
  document.querySelectorAll("[data-autosubmit-hide]").forEach((el) => {
    if (window.htmx) el.classList.add("sr-only");
  });
});
