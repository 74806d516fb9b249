/// The browser review's script, second part: decisions (Enter, Alt+R, Alt+D), the keys, and
/// polling the outbox for documents the daemon adds.
extension ReviewAppScript {
    static let decisions = #"""
        async function decide(item, decisions, advance) {
          if (view.busy) return;
          view.busy = true;
          const nextKey = advance && view.items[view.index + 1] ? itemKey(view.items[view.index + 1]) : itemKey(item);
          try {
            const answer = await api("/api/documents/" + enc(item.document) + "/decisions", {
              method: "POST", headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ version: view.versions[item.document], decisions }) });
            if (!answer.ok) {
              showMessage("error", answer.body.error || "refused");
              if (answer.status === 409) {
                // Show what is on disk now, keeping what the reviewer typed, so they decide again knowingly.
                delete view.versions[item.document];
                await loadQueue();
              }
              return;
            }
            view.versions[item.document] = answer.body.document.version;
            const done = answer.body.decisions.map((d) => d.id + " " + d.action +
              (d.field ? " " + (d.form ? "form-" + String(d.form).padStart(2, "0") + ":" : "") + d.field : "") +
              (d.value !== undefined && d.action !== "accept" ? " = " + (d.value === null ? "（空）" : d.value) : "")).join("; ");
            view.message = { kind: "ok", text: "✔ " + item.document + ": " + done };
            await loadQueue(nextKey);
          } finally {
            view.busy = false;
          }
        }

        function submitValue() {
          const item = currentItem();
          if (item && item.cells.length) {
            // The changed cells are corrections; with none changed, Enter vouches for every cell.
            const inputs = cellInputs();
            const changed = inputs.filter((input) => input.value !== input.dataset.original);
            decide(item, (changed.length ? changed : inputs).map((input) => input.value === input.dataset.original ?
              { action: "confirm", form: item.form, field: input.dataset.field } :
              { action: "set", form: item.form, field: input.dataset.field, value: input.value }), true);
            return;
          }
          if (!item || !item.editable) return;
          const typed = valueBox().value;
          const decision = typed === view.original ?
            { action: "confirm", form: item.form, field: item.field } :
            { action: "set", form: item.form, field: item.field, value: typed };
          decide(item, [decision], true);
        }

        function revert() {
          const item = currentItem();
          if (item && item.revertible) decide(item, [{ action: "revert", repair: item.id }], true);
        }

        function acceptDocument() {
          const item = currentItem();
          if (item) decide(item, [{ action: "accept" }], false);
        }

        document.addEventListener("keydown", (event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.altKey && !event.ctrlKey &&
              (event.target === valueBox() || event.target === document.body ||
               (event.target.classList && event.target.classList.contains("cell")))) {
            event.preventDefault(); submitValue();
          } else if (event.key === "Escape") {
            if (valueBox()) { valueBox().value = view.original; valueBox().classList.remove("dirty"); }
            for (const input of cellInputs()) { input.value = input.dataset.original; input.classList.remove("dirty"); }
          } else if (event.altKey && (event.key === "r" || event.key === "R" || event.code === "KeyR")) {
            event.preventDefault(); revert();
          } else if (event.altKey && (event.key === "d" || event.key === "D" || event.code === "KeyD")) {
            event.preventDefault(); acceptDocument();
          } else if (event.altKey && (event.key === "ArrowRight" || event.key === "ArrowDown")) {
            event.preventDefault(); move(1);
          } else if (event.altKey && (event.key === "ArrowLeft" || event.key === "ArrowUp")) {
            event.preventDefault(); move(-1);
          }
        });

        for (const id of ["filter-document", "filter-rule", "filter-below", "filter-open"]) {
          $(id).addEventListener("change", () => loadQueue(null));
        }

        // The daemon adds documents while the page is open: look for changed folders every 1.5 s.
        async function poll() {
          try {
            const answer = await api("/api/state");
            $("live").classList.toggle("stale", !answer.ok);
            if (answer.ok && answer.body.state !== view.state && !view.busy) await loadQueue();
          } catch (e) {
            $("live").classList.add("stale");
          }
          setTimeout(poll, 1500);
        }

        loadQueue(null).then(() => setTimeout(poll, 1500));


        """#
}
