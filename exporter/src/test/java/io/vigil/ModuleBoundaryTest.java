package io.vigil;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The exporter uses the connector module only for its demo: TLS key material comes from the tls module. */
class ModuleBoundaryTest {
  @Test
  void onlyTheDemoUsesTheConnectorModule() throws Exception {
    // the exporter's own main classes only: the connector's are on the class path too
    JavaClasses exporter = new ClassFileImporter()
        .importPath(Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    noClasses().that().resideOutsideOfPackage("io.vigil.demo..")
        .should().dependOnClassesThat().resideInAPackage("io.vigil.connector..")
        .check(exporter);
  }
}
