// The reception desk: keyboard saving, focus that follows the work, errors brought into view and
// announced, and the picked people's chips and histories. No inline script: the page runs under
// a strict Content-Security-Policy.
(function () {
  "use strict";

  var lastSource = null; // what started the htmx request in flight: "pick", "new" or null

  function announce(text) {
    var region = document.getElementById("desk-announce");
    if (!region || !text) return;
    region.textContent = "";
    // A change a moment later is read out even when the same text comes twice.
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function message(name, values) {
    var region = document.getElementById("desk-announce");
    var text = (region && region.dataset[name]) || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.replace("{" + key + "}", values[key]);
    });
    return text;
  }

  function fieldText(box) {
    var label = box.querySelector("label");
    var error = box.querySelector(".field-error");
    return [label && label.textContent.trim(), error && error.textContent.trim()]
      .filter(Boolean).join(": ");
  }

  // Scroll to the first error inside `scope`, put the cursor in its field and read it out.
  function showFirstError(scope) {
    if (!scope) return false;
    var errors = scope.querySelectorAll(".has-error, .msg.error, .field-error");
    if (!errors.length) return false;
    var first = errors[0];
    var box = first.closest(".has-error") || first;
    var field = box.querySelector("input:not([type=hidden]), select, textarea");
    if (!field && first.classList.contains("field-error")) {
      field = first.previousElementSibling;
    }
    box.scrollIntoView({ block: "center" });
    if (field && field.focus) field.focus({ preventScroll: true });
    var count = scope.querySelectorAll(".field-error, .msg.error").length;
    var detail = box.classList.contains("has-error") ? fieldText(box) : box.textContent.trim();
    announce(message("msgErrors", { n: count }) + " " + detail);
    return true;
  }

  function save(event) {
    var alt = event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyS";
    var ctrl = (event.ctrlKey || event.metaKey) && event.key === "Enter";
    if (!alt && !ctrl) return;
    event.preventDefault();
    var inNew = event.target.closest && event.target.closest("#new-citizen");
    var form = inNew || document.getElementById("visit-form");
    if (form) form.requestSubmit();
  }

  function click(event) {
    var unpick = event.target.closest("[data-unpick]");
    if (unpick) {
      var pk = unpick.dataset.unpick;
      var chip = document.getElementById("chip-" + pk);
      var history = document.getElementById("history-" + pk);
      if (chip) chip.remove();
      if (history) history.remove();
      var search = document.getElementById("desk-q");
      if (search) search.focus();
      return;
    }
    var pickCase = event.target.closest("[data-pick-case]");
    if (pickCase) {
      var select = document.getElementById("id_case");
      if (select) {
        select.value = pickCase.dataset.pickCase;
        select.focus();
      }
    }
  }

  document.addEventListener("keydown", save);
  document.addEventListener("click", click);

  var focusAtRequest = null; // where the cursor was when the pick or new person was asked for

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt.closest("#new-citizen")) lastSource = "new";
    else if (elt.hasAttribute("data-desk-pick")) lastSource = "pick";
    else lastSource = null;
    if (lastSource) focusAtRequest = document.activeElement;
  });

  // The officer went on to another field while the answer came (the next search, a card
  // scanned): the cursor stays where they put it instead of jumping under their typing.
  function movedOn() {
    var now = document.activeElement;
    return Boolean(now && now !== document.body && now !== focusAtRequest &&
      focusAtRequest && document.contains(focusAtRequest));
  }

  var pending = false;
  document.addEventListener("htmx:afterSettle", function () {
    if (!lastSource || pending) return;
    pending = true;
    // Several parts settle (chip, history, matter, form): look once they all have.
    window.setTimeout(function () {
      pending = false;
      var source = lastSource;
      lastSource = null;
      if (source === "new" && showFirstError(document.getElementById("new-citizen"))) return;
      var chips = document.querySelectorAll("#selected .chip strong");
      var name = chips.length ? chips[chips.length - 1].textContent : "";
      var content = document.getElementById("id_content");
      var stay = movedOn();
      if (content && !stay) content.focus();
      announce(message(stay ? "msgPickedStay" : "msgPicked", { name: name }));
    }, 0);
  });

  // A chip card's QR typed by the scanner into the search box: the server read it (see
  // views._card_search). A registered person is picked at once; a new one is prefilled; the
  // visit records that the identity was established from the card.
  function cardScanned() {
    var results = document.getElementById("search-results");
    if (!results) return;
    var error = results.querySelector("[data-card-error]");
    if (error) {
      announce(error.textContent.trim());
      return;
    }
    if (!results.querySelector("[data-card-read]")) return;
    var identification = document.getElementById("id_identification");
    if (identification) identification.value = "cccd_chip_qr";
    var search = document.getElementById("desk-q");
    if (search) search.select();
    var mismatch = results.querySelector("[data-card-mismatch]");
    if (mismatch) announce(mismatch.textContent.trim());
    var pickButton = results.querySelector("[data-card-pick]");
    if (pickButton && !pickButton.dataset.done) {
      pickButton.dataset.done = "1";
      var chip = document.querySelector("#selected input[name=citizen][value='" +
        pickButton.getAttribute("hx-get").split("/").filter(Boolean).pop() + "']");
      if (!chip) pickButton.click();
      return;
    }
    if (results.querySelector("[data-card-prefill]")) {
      var form = document.getElementById("new-citizen");
      var details = form && form.closest("details");
      if (details) details.open = true;
      var submit = form && form.querySelector("button[type=submit]");
      if (submit) submit.focus();
    }
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "search-results") cardScanned();
  });

  document.addEventListener("DOMContentLoaded", function () {
    showFirstError(document.getElementById("visit-form"));
  });
})();
