/// The browser review's script: loads the queue, shows one item at a time beside the page crop
/// and the whole form, turns keys into decisions, and polls the outbox so documents the daemon
/// converts meanwhile appear. Plain JavaScript, no library, no build step.
///
/// Every value is put in the page as text (`textContent`), never as markup. The page keeps the
/// version of each document it showed and sends it with each decision; while a reviewer is
/// typing, a newer version found by polling is not adopted for that document, so the server
/// refuses the edit as stale instead of letting it overwrite what someone else decided. After a
/// refusal the page shows the values now on disk and keeps the typing, for a knowing second try.
enum ReviewAppScript {
    /// The whole script: its parts in order, served as one file.
    static let source = drawing + decisions

    /// State, loading the queue, and drawing the documents, the queue and the item.
    private static let drawing = #"""
        "use strict";
        const view = { items: [], documents: [], versions: {}, index: -1, original: "", state: "", message: null,
          busy: false };
        const $ = (id) => document.getElementById(id);
        const itemKey = (item) => item.document + "/" + item.id;
        // A finding has no confidence: it is shown as sure to need a person.
        const band = (c) => c === null || c < 0.8 ? "c-low" : c < 0.95 ? "c-mid" : "c-high";
        const isFinding = (item) => item.kind === "finding";
        const enc = encodeURIComponent;

        function el(tag, attributes, ...children) {
          const node = document.createElement(tag);
          for (const [name, value] of Object.entries(attributes || {})) {
            if (value === null || value === undefined || value === false) continue;
            if (name.startsWith("on")) node.addEventListener(name.slice(2), value); else node.setAttribute(name, value);
          }
          for (const child of children.flat()) {
            if (child === null || child === undefined) continue;
            node.append(child instanceof Node ? child : document.createTextNode(String(child)));
          }
          return node;
        }

        async function api(path, options) {
          const response = await fetch(path, Object.assign({ credentials: "same-origin", cache: "no-store" }, options || {}));
          let body = null;
          try { body = await response.json(); } catch (e) { body = { error: response.status + " " + response.statusText }; }
          return { ok: response.ok, status: response.status, body };
        }

        function currentItem() { return view.items[view.index] || null; }
        function valueBox() { return $("value"); }
        function cellInputs() { return [...document.querySelectorAll("#cells input.cell")]; }
        function isDirty() {
          const box = valueBox();
          return (!!box && !box.disabled && box.value !== view.original) ||
            cellInputs().some((input) => input.value !== input.dataset.original);
        }
        // What the reviewer has typed, by field, to put back after the item is drawn again.
        function typedValues() {
          const typed = {};
          const box = valueBox();
          if (box && !box.disabled) typed[""] = box.value;
          for (const input of cellInputs()) typed[input.dataset.field] = input.value;
          return typed;
        }
        function restoreTyped(typed) {
          const box = valueBox();
          if (box && "" in typed) { box.value = typed[""]; box.classList.toggle("dirty", isDirty()); }
          for (const input of cellInputs()) {
            if (input.dataset.field in typed) input.value = typed[input.dataset.field];
            input.classList.toggle("dirty", input.value !== input.dataset.original);
          }
        }

        function queueQuery() {
          const parameters = new URLSearchParams();
          const documentName = $("filter-document").value, rule = $("filter-rule").value, below = $("filter-below").value;
          if (documentName) parameters.set("document", documentName);
          if (rule) parameters.set("rule", rule);
          if (below) parameters.set("below", below);
          if ($("filter-open").checked) parameters.set("open", "1");
          return parameters.toString();
        }

        let queueRequests = 0;
        async function loadQueue(selectKey) {
          const ticket = ++queueRequests;
          const answer = await api("/api/queue?" + queueQuery());
          // Filters changed twice quickly: only the latest request's answer is shown, whatever
          // order the answers arrive in.
          if (ticket !== queueRequests) return;
          if (!answer.ok) { showMessage("error", answer.body.error || "the queue could not be read"); render(); return; }
          const data = answer.body;
          const editing = currentItem() && isDirty() ? currentItem().document : null;
          const typed = editing ? typedValues() : null;
          view.state = data.state;
          $("reviewer").textContent = data.reviewer;
          view.documents = data.documents;
          view.unreadable = data.problems;
          for (const doc of data.documents) {
            // Keep the version the reviewer is typing against: the server then refuses a stale edit.
            if (doc.document !== editing || !(doc.document in view.versions)) view.versions[doc.document] = doc.version;
          }
          view.items = data.items;
          fillChoices($("filter-document"), data.documents.map((d) => d.document));
          fillChoices($("filter-rule"), data.rules);
          const wanted = selectKey === undefined ? (currentItem() ? itemKey(currentItem()) : null) : selectKey;
          let index = view.items.findIndex((item) => itemKey(item) === wanted);
          if (index < 0) index = Math.min(Math.max(view.index, 0), view.items.length - 1);
          view.index = view.items.length ? index : -1;
          render();
          if (editing && currentItem() && currentItem().document === editing && typed !== null) restoreTyped(typed);
        }

        function fillChoices(select, values) {
          const chosen = select.value;
          const wanted = ["", ...values];
          if ([...select.options].map((o) => o.value).join("\n") === wanted.join("\n")) return;
          select.replaceChildren(el("option", { value: "" }, "all"), ...values.map((v) => el("option", { value: v }, v)));
          select.value = wanted.includes(chosen) ? chosen : "";
        }

        function render() {
          renderProgress();
          renderDocuments();
          renderQueue();
          renderItem();
        }

        function renderProgress() {
          const items = view.documents.reduce((n, d) => n + d.items, 0);
          const decided = view.documents.reduce((n, d) => n + d.decided, 0);
          const reviewed = view.documents.filter((d) => d.reviewed).length;
          $("progress").textContent = decided + " / " + items + " items decided · " + reviewed + " / " +
            view.documents.length + " documents reviewed";
        }

        function renderDocuments() {
          $("documents").replaceChildren(...view.documents.map((doc) => el("li",
            { "data-document": doc.document, class: doc.reviewed ? "reviewed" : null,
              title: doc.reviewed ? "reviewed by " + doc.reviewedBy + ", " + doc.reviewedAt : "not reviewed",
              onclick: () => { $("filter-document").value = doc.document; loadQueue(null); } },
            el("span", { class: "name" }, doc.document), " ",
            el("span", { class: "meta" }, doc.decided + "/" + doc.items),
            el("div", { class: "bar" }, el("span", { style: "width:" + (doc.items ? 100 * doc.decided / doc.items : 100) + "%" })),
            doc.problems.map((p) => el("div", { class: "finding" }, p)))),
            // Folders that could not be read are named with why, not left out silently.
            ...(view.unreadable || []).map((p) => el("li", { class: "problem finding" }, p)));
        }

        function renderQueue() {
          $("queue-count").textContent = "(" + view.items.length + ")";
          $("queue").replaceChildren(...view.items.map((item, index) => el("li",
            { "data-key": itemKey(item), class: [band(item.confidence), item.decision ? "decided" : "",
              index === view.index ? "current" : ""].join(" "), onclick: () => select(index) },
            el("span", { class: "conf", title: isFinding(item) ? "a finding: " + item.message : "confidence" },
              isFinding(item) ? "问题" : item.confidence),
            el("span", { class: "what" }, item.caption),
            el("span", { class: "sub" }, item.document + " · " + item.id + " · " + item.rule))));
          const current = $("queue").querySelector("li.current");
          if (current) current.scrollIntoView({ block: "nearest" });
        }

        function renderItem() {
          const item = currentItem();
          const pane = $("item");
          if (!item) {
            pane.replaceChildren(el("p", { class: "empty" }, view.documents.length ?
              "Nothing in the queue matches: every item shown is decided, or the filters hide the rest." :
              "No converted documents yet: they appear here as the daemon converts them."), messageBox());
            return;
          }
          const decision = item.decision;
          const isRow = item.cells.length > 0;
          pane.replaceChildren(
            el("h2", {}, item.caption),
            el("div", { class: "path" }, item.document + " · " + item.formName + " · " + item.field),
            item.crop ? el("img", { class: "crop", id: "crop", alt: "the page around " + item.field,
              src: "/api/documents/" + enc(item.document) + "/crops/" + enc(item.crop) }) :
              el("p", { class: "nocrop" }, isFinding(item) ?
                "No page image: the repair log gives boxes for repairs, not for findings; the form on the right shows the cell." :
                "No page image: the input was OCR text, or the repair has no box on the page."),
            el("dl", { class: "facts" },
              isFinding(item) ? [
                el("dt", {}, "问题 finding"), el("dd", {}, item.id + " · " + item.rule),
                el("dt", {}, "说明 says"), el("dd", { class: "finding", id: "finding-message" }, item.message),
                el("dt", {}, "现值 now"), el("dd", { id: "current-value" }, "the fields it names: below"),
              ] : [
                el("dt", {}, "修复 repair"), el("dd", {}, item.id + " · " + item.rule + " · 置信度 confidence " + item.confidence),
                el("dt", {}, "原文 → 修复后"), el("dd", { class: "change" },
                  el("del", {}, item.before || "（空）"), " → ", el("ins", {}, item.after || "（空）")),
                el("dt", {}, "现值 now"), el("dd", { id: "current-value" },
                  item.current === null ? (isRow ? "a whole row: its cells below" : "a whole row") : (item.blank ? "（空）blank" : item.current)),
              ],
              decision ? [el("dt", {}, "审阅 decided"), el("dd", { class: "decision", id: "decision" },
                decision.id + " " + decision.action + " by " + decision.who + ", " + decision.when)] : null,
              item.findings.length ? [el("dt", {}, "问题 findings"), el("dd", {}, item.findings.map((f) => el("div", { class: "finding" }, f)))] : null),
            isRow ? el("table", { class: "cells", id: "cells" }, item.cells.map((cell) => el("tr", {},
              el("th", {}, cell.caption),
              el("td", {}, el("input", { class: "cell", "data-field": cell.field, "data-original": cell.current,
                value: cell.current, placeholder: "（空）blank", title: "takes " + cell.expectation,
                "aria-label": "value of " + cell.field,
                oninput: (e) => e.target.classList.toggle("dirty", e.target.value !== e.target.dataset.original) }))))) :
            el("textarea", { id: "value", rows: "2", disabled: !item.editable, placeholder: "（空）blank",
              "aria-label": "value of " + item.field, oninput: (e) => e.target.classList.toggle("dirty", isDirty()) }),
            el("div", { class: "hint" }, isFinding(item) ?
              "The fields the finding names: correct the one that is wrong. Enter saves the fields you changed, or confirms them all when none changed." :
              isRow ? "A whole row: correct its cells. Enter saves the cells you changed, or confirms them all when none changed." :
              item.editable ? "takes " + item.expectation : "this field cannot be typed into"),
            el("div", { class: "buttons" },
              el("button", { id: "accept-button", disabled: !item.editable && !isRow, onclick: () => submitValue() }, "✔ Accept / save ⏎"),
              el("button", { id: "revert-button", disabled: !item.revertible, onclick: () => revert() }, "↶ Revert to printed (Alt+R)"),
              el("button", { id: "prev-button", onclick: () => move(-1) }, "← Previous"),
              el("button", { id: "next-button", onclick: () => move(1) }, "Skip → Next"),
              el("button", { id: "accept-document", onclick: () => acceptDocument() }, "Mark " + item.document + " reviewed (Alt+D)")),
            messageBox());
          view.original = item.editable && item.current !== null ? item.current : "";
          if (isRow) {
            cellInputs()[0].focus();
          } else {
            const box = valueBox();
            box.value = view.original;
            if (item.editable) box.focus();
          }
          showForm(item);
        }

        function messageBox() {
          const box = el("div", { id: "message", role: "alert" });
          if (view.message) { box.className = view.message.kind; box.textContent = view.message.text; }
          return box;
        }

        function showMessage(kind, text) {
          view.message = { kind, text };
          const box = $("message");
          if (box) { box.className = kind; box.textContent = text; }
        }

        function showForm(item) {
          const frame = $("form-frame");
          const version = view.versions[item.document] || "";
          const page = "/outbox/" + enc(item.document) + "/review.html?v=" + enc(version);
          frame.dataset.anchor = item.anchor;
          if (frame.dataset.page === page && frame.contentDocument) {
            centreCell(frame);
          } else {
            frame.dataset.page = page;
            frame.onload = () => centreCell(frame);
            frame.src = page;
          }
        }

        // The item's cell in the middle of the form, outlined as the review page outlines a target.
        function centreCell(frame) {
          const page = frame.contentDocument;
          if (!page) return;
          for (const old of page.querySelectorAll(".serve-target")) old.classList.remove("serve-target");
          const anchor = page.getElementById(frame.dataset.anchor);
          if (!anchor) return;
          // A merged label cell carries its rows' anchors as empty spans: outline the cell.
          const cell = anchor.tagName === "SPAN" ? anchor.closest("td, th") || anchor : anchor;
          cell.classList.add("serve-target");
          if (!page.getElementById("serve-target-style")) {
            const style = page.createElement("style");
            style.id = "serve-target-style";
            style.textContent = ".serve-target, tr.serve-target > td { box-shadow: inset 0 0 0 3px #0645ad; }";
            page.head.append(style);
          }
          cell.scrollIntoView({ block: "center", inline: "nearest" });
        }

        function select(index) {
          if (index < 0 || index >= view.items.length) return;
          view.index = index;
          view.message = null;
          renderQueue();
          renderItem();
        }

        function move(step) { select(view.index + step); }

        """#
}
