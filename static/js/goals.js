// Goal forms: show the metric, baseline and target fields only for KPI goals.
(() => {
  const KPI_FIELDS = ["metric", "baseline", "target"];

  function update(form) {
    const kind = form.querySelector("[name=kind]");
    if (!kind) return;
    const isKpi = kind.value === "kpi";
    for (const name of KPI_FIELDS) {
      const input = form.querySelector(`[name=${name}]`);
      const wrapper = input && input.closest(".mb-3");
      if (wrapper) wrapper.hidden = !isKpi;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const form of document.querySelectorAll("[data-goal-form]")) {
      update(form);
      form.addEventListener("change", (event) => {
        if (event.target.name === "kind") update(form);
      });
    }
  });
})();
