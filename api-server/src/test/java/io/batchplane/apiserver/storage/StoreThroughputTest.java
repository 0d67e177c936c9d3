package io.batchplane.apiserver.storage;

import static io.batchplane.apiserver.storage.StoreTesting.await;
import static io.batchplane.apiserver.storage.StoreTesting.object;
import static io.batchplane.apiserver.storage.StoreTesting.uniqueNamespace;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchplane.apiserver.testsupport.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not an assertion of speed: writes per second through the store with 1 and 8
 * concurrent clients (each client writes one after another), next to plain single-row inserts on
 * the same database. Prints the figures.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class StoreThroughputTest {

    @Inject
    RevisionStore store;

    @Inject
    Pool pool;

    @Test
    void measureWritesPerSecond() {
        await(pool.query("CREATE TABLE IF NOT EXISTS raw_insert_bench (id bigserial PRIMARY KEY, k text, v text)")
                .execute());
        String ns = uniqueNamespace();
        run(1, 200, c -> i -> storeCreate(ns, "warm" + c, i));
        run(1, 200, c -> i -> rawInsert("warm" + c, i));

        double store1 = run(1, 1000, c -> i -> storeCreate(ns, "one" + c, i));
        double store8 = run(8, 500, c -> i -> storeCreate(ns, "eight" + c, i));
        double raw1 = run(1, 1000, c -> i -> rawInsert("one" + c, i));
        double raw8 = run(8, 500, c -> i -> rawInsert("eight" + c, i));
        System.out.printf("store writes/s: 1 client %.0f, 8 clients %.0f | raw single-row inserts/s: 1 client %.0f, "
                + "8 clients %.0f%n", store1, store8, raw1, raw8);

        assertEquals(200 + 1000 + 8 * 500, await(store.list("pods", ns, null, 0, null)).items().size());
    }

    /** Runs {@code clients} concurrent clients doing {@code each} writes in sequence; returns writes/s. */
    private static double run(int clients, int each, Function<Integer, Function<Integer, Uni<?>>> client) {
        List<Uni<Object>> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Function<Integer, Uni<?>> write = client.apply(c);
            all.add(Multi.createFrom().range(0, each).onItem().transformToUniAndConcatenate(write::apply)
                    .collect().last().map(x -> (Object) x));
        }
        long start = System.nanoTime();
        await(Uni.join().all(all).andFailFast());
        double seconds = (System.nanoTime() - start) / 1e9;
        return clients * each / seconds;
    }

    private Uni<?> storeCreate(String ns, String prefix, int i) {
        String name = prefix + "-" + i;
        return store.create(new ObjectKey("pods", ns, name), object(name, "x".repeat(200)));
    }

    private Uni<?> rawInsert(String prefix, int i) {
        return pool.preparedQuery("INSERT INTO raw_insert_bench (k, v) VALUES ($1, $2)")
                .execute(Tuple.of(prefix + "-" + i, "x".repeat(200)));
    }
}
