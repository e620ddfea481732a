package dev.cds.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cds.serve.TlsContexts;
import dev.cds.validate.FhirContent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The loader of cds-ext.jar's classes where everything is on one class path (tests, an IDE, a
 * native image): cds's own class loader, no jar opened. The built jars are LauncherIT's.
 */
class ExtensionTest {
  @Test
  void takesTheClassesFromCdsOwnLoaderWhenTheyAreThere() {
    FhirContent fhir = FhirContent.r4();
    assertEquals("dev.cds.validate.HapiR4Content", fhir.getClass().getName());
    assertSame(Extension.class.getClassLoader(), fhir.getClass().getClassLoader());
    TlsContexts tls = TlsContexts.load();
    assertEquals("dev.cds.serve.TlsIdentity", tls.getClass().getName());
    assertSame(Extension.class.getClassLoader(), tls.getClass().getClassLoader());
  }

  /** A class cds's loader has is never looked for elsewhere, whatever loader the caller is in. */
  @Test
  void findsInTheGivenLoaderFirst() {
    assertSame(String.class, Extension.find("java.lang.String", ClassLoader.getPlatformClassLoader(), "nothing"));
    assertSame(Extension.class, Extension.find(Extension.class.getName(), Extension.class.getClassLoader(), "nothing"));
  }

  @Test
  void theJarIsBesideTheOneCdsRunsFrom() {
    assertEquals(Path.of("/opt/cds/lib/app/cds-ext.jar"), Extension.beside(Path.of("/opt/cds/lib/app/cds.jar")));
    assertEquals(Path.of("target/cds-ext.jar"), Extension.beside(Path.of("target/classes")));
  }

  @Test
  void aMissingJarIsABrokenInstallWithTheFileAndTheFix() {
    CdsException e = Extension.missing(Path.of("/opt/cds/lib/app/cds-ext.jar"), "FHIR validation");
    assertEquals(ExitCode.INTERNAL, e.exitCode());
    assertEquals("FHIR validation needs /opt/cds/lib/app/cds-ext.jar, which is missing from this install of cds:"
        + " reinstall cds", e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aClassThatCannotBeMadeIsABug() {
    // Extension's own constructor is private: not a class to create
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Extension.create(Extension.class.getName(), Object.class, "nothing"));
    assertTrue(e.getMessage().startsWith("cannot create dev.cds.core.Extension"), e::getMessage);
  }
}
