/* The report form: work items (add, remove, reorder) and a guard against
   submitting with unsaved changes. Live validation is htmx (hx-post on the form). */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }
  var list = form.querySelector("[data-items]");

  // After a refused save or submit: bring the first field that needs the clerk
  // into view, highlighted, with the cursor in it.
  var attention = form.getAttribute("data-attention");
  var target = attention && document.getElementById(attention);
  if (target) {
    var field = target.matches("input, textarea, select")
      ? target
      : document.querySelector("[aria-describedby='" + attention + "']") || target;
    field.classList.add("needs-attention");
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  }
  var dirty = false;

  function renumber() {
    if (!list) { return; }
    var items = list.querySelectorAll("[data-item]");
    items.forEach(function (item, index) {
      var order = item.querySelector("input[name$='-ORDER']");
      if (order) { order.value = index + 1; }
      var number = item.querySelector("[data-item-number]");
      if (number) { number.textContent = (index + 1) + "."; }
    });
  }

  function changed() {
    dirty = true;
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  var add = form.querySelector("[data-add-item]");
  var template = document.getElementById("work-item-template");
  if (add && template && list) {
    add.addEventListener("click", function () {
      var prefix = list.getAttribute("data-prefix");
      var total = form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      list.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      renumber();
      var inputs = list.lastElementChild.querySelectorAll("input[type=text]");
      if (inputs.length) { inputs[0].focus(); }
    });
  }

  if (list) {
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-move]");
      if (!button) { return; }
      var item = button.closest("[data-item]");
      if (button.getAttribute("data-move") === "up" && item.previousElementSibling) {
        list.insertBefore(item, item.previousElementSibling);
      } else if (button.getAttribute("data-move") === "down" && item.nextElementSibling) {
        list.insertBefore(item.nextElementSibling, item);
      }
      renumber();
      changed();
      button.focus();
    });
    list.addEventListener("change", function (event) {
      if (event.target.matches("[data-delete]")) {
        event.target.closest("[data-item]").classList.toggle("is-deleted", event.target.checked);
      }
    });
    list.querySelectorAll("[data-delete]:checked").forEach(function (box) {
      box.closest("[data-item]").classList.add("is-deleted");
    });
    renumber();
  }

  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });

  var submitForm = document.querySelector("[data-submit-form]");
  if (submitForm) {
    submitForm.addEventListener("submit", function (event) {
      if (dirty) {
        event.preventDefault();
        window.alert("表单有未保存的修改，请先点击“保存草稿”，再提交审核。");
      }
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
