package io.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.config.TenantReports;
import org.junit.jupiter.api.Test;

class BrandTest {
  @Test
  void aDarkPrimaryColourGetsWhiteHeaderText() {
    Brand brand = Brand.of(new TenantReports.Branding("Acme", null, "#1f4e79", "#2e86c1", null), "acme tenant");
    assertThat(brand.css()).contains("background: #1f4e79; color: #ffffff; border-bottom: 4px solid #2e86c1;");
  }

  @Test
  void aLightPrimaryColourGetsDarkHeaderTextSoItStaysReadable() {
    Brand brand = Brand.of(new TenantReports.Branding("Acme", null, "#F5E050", "#2e86c1", null), "acme tenant");
    assertThat(brand.css()).contains("background: #f5e050; color: #1b1f24;");
    assertThat(Brand.contrast("#f5e050", "#1b1f24")).isGreaterThanOrEqualTo(4.5);
  }

  @Test
  void withoutBrandingTheTenantsNameAndTheReportsDefaultColoursAreUsed() {
    Brand brand = Brand.of(null, "Acme Managed IT");
    assertThat(brand.name()).isEqualTo("Acme Managed IT");
    assertThat(brand.logo()).isFalse();
    assertThat(brand.css()).contains("background: #1f4e79;");
  }
}
