package dev.cds.validate;

/** JSON pointers (RFC 6901) to members of the document being checked. */
public final class Pointer {
  private Pointer() {}

  public static String field(String parent, String name) {
    return parent + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  public static String index(String parent, int index) {
    return parent + "/" + index;
  }
}
