package dev.cds.conformance;

/** How the report groups checks: the server as a whole, its security, each service, CRD per service. */
public enum Area {
  DISCOVERY("Discovery"),
  SECURITY("Security"),
  SERVICE("Service"),
  CRD("Da Vinci CRD");

  private final String title;

  Area(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
