package io.vigil.connector.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedListTest {

    @Test
    void readsCustomerFolderLinesSkippingBlanksAndComments() {
        ManagedList list = ManagedList.parse(List.of("# managed", "", " acme/SRV01 ", "globex/FS01"), "list");

        assertThat(list.folders()).containsExactly(new FolderRef("acme", "SRV01"), new FolderRef("globex", "FS01"));
        assertThat(list.contains(new FolderRef("acme", "SRV01"))).isTrue();
        assertThat(list.contains(new FolderRef("acme", "srv01"))).isFalse();
    }

    @Test
    void badLinesFailWithTheirLineNumber() {
        assertThatThrownBy(() -> ManagedList.parse(List.of("acme/SRV01", "acme", "a/b/c"), "list"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("list:2: expected CUSTOMER/FOLDER, got \"acme\"; list:3: expected CUSTOMER/FOLDER, got \"a/b/c\"");
    }
}
