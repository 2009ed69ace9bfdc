package dev.modelchange.sample;

/** No document of this kind has this id: answered 404, with the id (see {@link ApiErrorMappers}). */
public class DocumentNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String id;

  /**
   * @param kind what was looked for, as a user says it ({@code book}, {@code resource})
   * @param id the id asked for, as given
   */
  public DocumentNotFoundException(String kind, String id) {
    super("No " + kind + " " + id);
    this.id = id;
  }

  public String id() {
    return id;
  }
}
