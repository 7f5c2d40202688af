package io.vigil.connector.http;

import static io.vigil.connector.testsupport.TestRepository.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.connector.chain.ChainAnalyzer;
import io.vigil.connector.chain.RetentionPolicy;
import io.vigil.connector.inventory.Inventory;
import io.vigil.connector.inventory.InventoryBuilder;
import io.vigil.connector.inventory.InventoryService;
import io.vigil.connector.inventory.SpaceProbe;
import io.vigil.connector.scan.FolderRef;
import io.vigil.connector.scan.ImageNames;
import io.vigil.connector.scan.ManagedList;
import io.vigil.connector.scan.RepositoryScanner;
import io.vigil.connector.testsupport.MutableClock;
import io.vigil.connector.testsupport.TestRepository;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server on a loopback port, called with java.net.http. */
class InventoryHttpTest {

    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(NOW);
    private final HttpClient http = HttpClient.newHttpClient();
    private TestRepository repo;
    private ConnectorServer server;

    @BeforeEach
    void start() throws Exception {
        repo = new TestRepository(root)
                .file("acme/SRV01/C_VOL-b001.spf", 1000, NOW.minusSeconds(7200))
                .file("acme/SRV01/C_VOL-b001-i001.spi", 100, NOW.minusSeconds(3600))
                .file("acme/SRV01/junk.txt", 1, NOW)
                .folder("acme/OLD-SRV");
        InventoryService service = new InventoryService(new RepositoryScanner(root, new ImageNames()),
                new InventoryBuilder(new Inventory.Connector("img01", "0.1.0"), new ChainAnalyzer(),
                        RetentionPolicy.NONE, Optional.of(new ManagedList(Set.of(new FolderRef("acme", "SRV01"))))),
                clock, Duration.ofSeconds(60), Duration.ofSeconds(1), SpaceProbe.fileStore());
        server = new ConnectorServer(new InetSocketAddress("127.0.0.1", 0),
                service::current, new BearerTokenAuth(TOKEN)).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> inventory(String... extraHeaders) throws Exception {
        String[] headers = new String[extraHeaders.length + 2];
        headers[0] = "Authorization";
        headers[1] = "Bearer " + TOKEN;
        System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
        return get(ConnectorServer.INVENTORY_PATH, headers);
    }

    @Test
    void inventoryWithoutTokenIs401WithAJsonError() throws Exception {
        HttpResponse<String> response = get(ConnectorServer.INVENTORY_PATH);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(new ObjectMapper().readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void inventoryWithWrongTokenIs401() throws Exception {
        assertThat(get(ConnectorServer.INVENTORY_PATH, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get(ConnectorServer.INVENTORY_PATH, "Authorization", "Basic " + TOKEN).statusCode()).isEqualTo(401);
        assertThat(get(ConnectorServer.INVENTORY_PATH, "Authorization", "Bearer " + TOKEN + "x").statusCode())
                .isEqualTo(401);
    }

    @Test
    void inventoryWithTokenIsJsonWithTheContractFields() throws Exception {
        HttpResponse<String> response = inventory();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode doc = new ObjectMapper().readTree(response.body());
        assertThat(doc.get("version").asInt()).isEqualTo(1);
        assertThat(doc.at("/connector/name").asText()).isEqualTo("img01");
        assertThat(doc.at("/connector/version").asText()).isEqualTo("0.1.0");
        assertThat(doc.get("scanned_at").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(doc.at("/repository/root").asText()).isEqualTo(root.toString());
        assertThat(doc.at("/repository/size_bytes").asLong()).isPositive();
        assertThat(doc.at("/repository/free_bytes").isNumber()).isTrue();
        JsonNode folder = doc.at("/folders/1");
        assertThat(fieldNames(folder)).containsExactly("customer", "folder", "managed", "volumes");
        assertThat(folder.get("managed").asBoolean()).isTrue();
        JsonNode volume = folder.at("/volumes/0");
        assertThat(fieldNames(volume)).contains("volume", "base", "depth", "images", "newest_image_time",
                "newest_file_time", "usage_bytes", "retention_bytes", "broken", "missing", "restore_path",
                "retention_unexpected", "retention_reasons", "unverified_images", "verification_failed",
                "verification_failed_time");
        assertThat(fieldNames(volume.get("images")))
                .containsExactly("base", "differential", "incremental", "daily", "weekly", "monthly", "rolling");
        assertThat(volume.get("unverified_images").asInt()).isEqualTo(2);
        assertThat(volume.get("verification_failed").asBoolean()).isFalse();
        assertThat(volume.get("verification_failed_time").isNull()).isTrue();
        assertThat(volume.get("depth").asInt()).isEqualTo(2);
        assertThat(volume.get("usage_bytes").asLong()).isEqualTo(1100);
        assertThat(volume.get("newest_image_time").asText()).isEqualTo("2026-11-25T09:00:00Z");
        assertThat(volume.at("/restore_path/1").asText()).isEqualTo("C_VOL-b001-i001.spi");
        assertThat(doc.at("/unmanaged_folders/0/folder").asText()).isEqualTo("OLD-SRV");
        assertThat(doc.at("/unparseable_files/0/path").asText()).isEqualTo("acme/SRV01/junk.txt");
        assertThat(doc.at("/unparseable_files/0/reason").asText()).isNotBlank();
        assertThat(doc.get("unparseable_files_total").asLong()).isEqualTo(1);
        assertThat(doc.at("/unparseable_counts/0/folder").asText()).isEqualTo("acme/SRV01");
        assertThat(doc.at("/unparseable_counts/0/count").asLong()).isEqualTo(1);
        assertThat(response.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void matchingIfNoneMatchGets304WithNoBody() throws Exception {
        String etag = inventory().headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> response = inventory("If-None-Match", etag);

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
        assertThat(inventory("If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void etagChangesAfterAFileChanges() throws Exception {
        String etag = inventory().headers().firstValue("ETag").orElseThrow();
        repo.file("acme/SRV01/C_VOL-b001-i001.spi", 150, NOW.minusSeconds(3600));
        clock.advance(Duration.ofSeconds(60));

        HttpResponse<String> response = inventory("If-None-Match", etag);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(new ObjectMapper().readTree(response.body()).at("/folders/1/volumes/0/usage_bytes").asLong())
                .isEqualTo(1150);
    }

    @Test
    void chainDetailsListEveryFileOfTheVolumeWithItsPointsAndTheRestorePath() throws Exception {
        repo.file("acme/SRV01/C_VOL-b001-i001-cd.spi", 500, NOW.minusSeconds(1800))
                .file("acme/SRV01/C_VOL-b001-i002.spi", 30, NOW.minusSeconds(600));
        clock.advance(Duration.ofSeconds(60));

        HttpResponse<String> response = get(CHAINS + "?customer=acme&folder=SRV01&volume=C_VOL",
                "Authorization", "Bearer " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(response.body());
        assertThat(doc.get("volume").asText()).isEqualTo("C_VOL");
        assertThat(doc.at("/connector/name").asText()).isEqualTo("img01");
        JsonNode chain = doc.at("/chains/0");
        assertThat(chain.get("base").asText()).isEqualTo("b001");
        assertThat(chain.get("current").asBoolean()).isTrue();
        assertThat(chain.get("broken").asBoolean()).isFalse();
        List<String> images = new java.util.ArrayList<>();
        chain.get("images").forEach(i -> images.add(i.get("name").asText() + " " + i.get("kind").asText() + " "
                + i.get("first").asLong() + ".." + i.get("last").asLong() + " path=" + i.get("on_restore_path").asBoolean()
                + " md5=" + i.get("md5").asBoolean()));
        assertThat(images).containsExactly(
                "C_VOL-b001-i001-cd.spi daily 1..1 path=false md5=false",
                "C_VOL-b001-i001.spi incremental 1..1 path=true md5=false",
                "C_VOL-b001-i002.spi incremental 2..2 path=true md5=false",
                "C_VOL-b001.spf base 0..0 path=true md5=false");
        assertThat(fieldNames(chain.at("/images/0"))).containsExactly("name", "kind", "line", "first", "last", "bytes",
                "time", "on_restore_path", "md5", "parts");
        String etag = response.headers().firstValue("ETag").orElseThrow();
        assertThat(get(CHAINS + "?customer=acme&folder=SRV01&volume=C_VOL", "Authorization", "Bearer " + TOKEN,
                "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void chainDetailsNeedTheTokenAllThreeParametersAndAKnownVolume() throws Exception {
        assertThat(get(CHAINS + "?customer=acme&folder=SRV01&volume=C_VOL").statusCode()).isEqualTo(401);
        HttpResponse<String> missing = get(CHAINS + "?customer=acme&folder=SRV01", "Authorization", "Bearer " + TOKEN);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("give customer, folder and volume");
        assertThat(get(CHAINS + "?customer=acme&folder=SRV01&volume=C_VOL&volume=D_VOL",
                "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = get(CHAINS + "?customer=acme&folder=SRV01&volume=Z_VOL",
                "Authorization", "Bearer " + TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"not_found\"");
        assertThat(get(CHAINS + "?customer=acme&folder=NOPE&volume=C_VOL", "Authorization", "Bearer " + TOKEN)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void healthyAnswersWithoutAToken() throws Exception {
        HttpResponse<String> response = get(ConnectorServer.HEALTHY_PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void unknownPathIs404AndPostIs405() throws Exception {
        assertThat(get("/api/v2/inventory").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + ConnectorServer.INVENTORY_PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    private static final String CHAINS = ConnectorServer.CHAINS_PATH;

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
