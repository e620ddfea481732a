package dev.cds.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cds.hooks.ContextField;
import dev.cds.hooks.HookDefinition;
import dev.cds.validate.ContextChecks.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The rules a hook's description states beyond its field table. */
final class HookRules {
  private HookRules() {}

  static void check(HookDefinition def, Map<String, Member> context, Findings out) {
    for (ContextField field : def.fields()) {
      if (field.expectedStatus() != null && context.containsKey(field.name())) {
        status(def, field, context.get(field.name()), out);
      }
    }
    switch (def.hook()) {
      case "order-select" -> selections(context, out);
      case "order-dispatch" -> taskFocus(context, out);
      case "appointment-book" -> proposed(context.get("appointments"), out);
      case "problem-list-item-create" -> problemListItems(context.get("conditions"), out);
      default -> { }
    }
  }

  /**
   * The orders of a field whose hook names their status: draft for unsigned orders (order-select,
   * order-sign 1.0, medication-refill), active for the signed order a pharmacist verifies
   * (medication-verify). order-sign 1.1 names none: revised orders being re-signed keep theirs.
   */
  private static void status(HookDefinition def, ContextField field, Member orders, Findings out) {
    String expected = field.expectedStatus();
    for (Member r : resources(orders)) {
      JsonNode status = r.value().get("status");
      if (status != null && status.isTextual() && !status.asText().equals(expected)) {
        String id = r.value().path("resourceType").asText() + "/" + r.value().path("id").asText();
        out.warning("hook.orders." + expected, Pointer.field(r.pointer(), "status"), id + " has status '"
            + status.asText() + "': " + def.hook() + " " + def.version() + " sends '" + field.name()
            + "' with status '" + expected + "'"
            + (def.hook().equals("order-sign") ? " (order-sign 1.1 allows other statuses when re-signing"
                + " revised orders)" : ""));
      }
    }
  }

  private static void selections(Map<String, Member> context, Findings out) {
    Member selections = context.get("selections");
    Member drafts = context.get("draftOrders");
    if (selections == null || drafts == null || !selections.value().isArray()) {
      return;
    }
    Set<String> present = new HashSet<>();
    for (Member r : resources(drafts)) {
      present.add(r.value().path("resourceType").asText() + "/" + r.value().path("id").asText());
    }
    for (int i = 0; i < selections.value().size(); i++) {
      String ref = selections.value().get(i).asText();
      if (!present.contains(relative(ref))) {
        out.error("hook.order-select.selections", Pointer.index(selections.pointer(), i), "'" + ref
            + "' is not in draftOrders: every selection points to an entry of the draftOrders Bundle"
            + (present.isEmpty() ? "" : " (it holds " + String.join(", ", new TreeSet<>(present)) + ")"));
      }
    }
  }

  private static void taskFocus(Map<String, Member> context, Findings out) {
    Set<String> orders = new HashSet<>();
    List<Member> tasks = new ArrayList<>();
    Member dispatched = context.get("dispatchedOrders");
    Member order = context.get("order");
    if (dispatched != null && dispatched.value().isArray()) {
      for (JsonNode o : dispatched.value()) {
        orders.add(relative(o.asText()));
      }
      Member fulfillment = context.get("fulfillmentTasks");
      if (fulfillment != null) {
        tasks.addAll(resources(fulfillment));
      }
    } else if (order != null && order.value().isTextual()) {
      orders.add(relative(order.value().asText()));
      Member task = context.get("task");
      if (task != null && task.value().isObject()) {
        tasks.add(task);
      }
    } else {
      return;
    }
    String field = dispatched != null ? "dispatchedOrders" : "order";
    Set<String> focused = new HashSet<>();
    for (Member t : tasks) {
      if (!"Task".equals(t.value().path("resourceType").asText())) {
        continue;
      }
      JsonNode focus = t.value().path("focus").path("reference");
      String at = Pointer.field(Pointer.field(t.pointer(), "focus"), "reference");
      if (!focus.isTextual()) {
        out.error("hook.order-dispatch.task.focus", t.pointer(), "the Task has no focus: it must reference"
            + " the order it fulfils, one of " + field + " (" + String.join(", ", new TreeSet<>(orders)) + ")");
      } else if (!orders.contains(relative(focus.asText()))) {
        out.error("hook.order-dispatch.task.focus", at, "Task.focus '" + focus.asText() + "' is not one of "
            + field + " (" + String.join(", ", new TreeSet<>(orders)) + ")");
      } else if (!focused.add(relative(focus.asText()))) {
        out.error("hook.order-dispatch.task.focus", at, "a second Task for '" + focus.asText()
            + "': each fulfillment Task is for a separate order");
      }
    }
  }

  private static void proposed(Member appointments, Findings out) {
    if (appointments == null) {
      return;
    }
    for (Member r : resources(appointments)) {
      JsonNode status = r.value().get("status");
      if ("Appointment".equals(r.value().path("resourceType").asText()) && status != null
          && !status.asText().equals("proposed")) {
        out.error("hook.appointment-book.proposed", Pointer.field(r.pointer(), "status"), "Appointment/"
            + r.value().path("id").asText() + " has status '" + status.asText()
            + "': appointment-book sends the appointments being booked with status 'proposed'");
      }
    }
  }

  /**
   * problem-list-item-create carries Conditions of category problem-list-item (R4, STU3); DSTU2
   * had no such code and its Argonaut profile says {@code problem}.
   */
  private static void problemListItems(Member conditions, Findings out) {
    if (conditions == null) {
      return;
    }
    for (Member r : resources(conditions)) {
      if (!"Condition".equals(r.value().path("resourceType").asText())) {
        continue;
      }
      JsonNode category = r.value().path("category");
      boolean listed = false;
      for (JsonNode concept : category.isArray() ? category : List.of(category)) {
        // a bare code string is the wrong shape (reported by the FHIR checks), but says the right thing
        listed |= concept.isTextual() && concept.asText().equals("problem-list-item");
        for (JsonNode coding : concept.path("coding")) {
          String code = coding.path("code").asText();
          listed |= code.equals("problem-list-item") || code.equals("problem");
        }
      }
      if (!listed) {
        out.warning("hook.problem-list-item-create.category", Pointer.field(r.pointer(), "category"), "Condition/"
            + r.value().path("id").asText() + " is not categorised problem-list-item: problem-list-item-create"
            + " carries the problems just added to the problem list");
      }
    }
  }

  /** The resources of a Bundle's entries, of an array of resources, or the resource itself. */
  static List<Member> resources(Member m) {
    List<Member> out = new ArrayList<>();
    JsonNode v = m.value();
    if (v.isArray()) {
      for (int i = 0; i < v.size(); i++) {
        if (v.get(i).isObject()) {
          out.add(new Member(Pointer.index(m.pointer(), i), v.get(i)));
        }
      }
    } else if ("Bundle".equals(v.path("resourceType").asText())) {
      JsonNode entries = v.path("entry");
      for (int i = 0; i < entries.size(); i++) {
        JsonNode r = entries.path(i).path("resource");
        if (r.isObject()) {
          out.add(new Member(Pointer.field(Pointer.index(Pointer.field(m.pointer(), "entry"), i), "resource"), r));
        }
      }
    } else if (v.isObject()) {
      out.add(m);
    }
    return out;
  }

  /** Type/id of a relative or absolute reference. */
  static String relative(String ref) {
    String r = ref.replaceFirst("/_history/[^/]+$", "");
    if (r.contains("://")) {
      String[] parts = r.split("/");
      return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : r;
    }
    return r;
  }
}
