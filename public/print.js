// The document toolbar's print button. A static file because the CSP allows no inline script;
// the button stays hidden where scripts do not run (Ctrl+P still prints).
for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
