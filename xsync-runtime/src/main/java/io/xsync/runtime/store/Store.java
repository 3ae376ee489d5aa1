package io.xsync.runtime.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.xsync.api.ModelObject;
import io.xsync.api.Models;
import io.xsync.runtime.schema.Schema;
import io.xsync.runtime.spi.Readiness;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The model store: one table per model on H2 or PostgreSQL, created and migrated from the
 * schema. All accessor operations made on a thread inside {@link #inTransaction(Callable)} join
 * that transaction; outside one, each operation commits by itself.
 */
public interface Store extends AutoCloseable {

    /** The schema the store was opened with. */
    Schema schema();

    /** {@code h2} or {@code postgresql}. */
    String dialect();

    /** A model accessor whose saves carry {@code actor}'s identity. */
    Models models(Actor actor);

    /**
     * Runs {@code work} in one database transaction bound to the current thread; nested calls
     * join the outer transaction. Commits when {@code work} returns, rolls back when it throws.
     */
    <T> T inTransaction(Callable<T> work) throws Exception;

    /**
     * {@link #inTransaction}, whose changes are announced to no change listener, in this process
     * or others: for bookkeeping nobody waits for (e.g. marks that a later, announced commit of the
     * same models follows), sparing PostgreSQL's {@code pg_notify}, which serializes the commits
     * that notify. Called inside a transaction, {@code work} joins it (and is announced with it).
     */
    <T> T inUnannouncedTransaction(Callable<T> work) throws Exception;

    /**
     * Writes the named bookkeeping fields (timestamps, {@code backend_*}, {@code policy_*},
     * bookkeeping-state fields) of objects read from this store, as they are set on the objects,
     * in the thread's transaction or one of its own: one JDBC batch per table, and none of the work
     * a save does for real fields (timestamps, link and unique checks), which bookkeeping never
     * needs. The engines' counterpart of {@code saveAll} with {@code update_fields} for their
     * synchronizer actors. Afterwards the objects hold those values as saved. A row that is gone
     * fails it with {@code ModelException} NOT_FOUND; a field that is not bookkeeping with
     * {@link IllegalArgumentException}.
     */
    void saveBookkeeping(List<? extends ModelObject> objects, Collection<String> fields);

    /**
     * The row versions of objects of {@code model} (and of the models inheriting from it) by id, as
     * the thread's transaction sees them: every write of a row gives it a new version, so an
     * unchanged version means an unchanged row. Ids without a row are left out. Empty on a
     * database without row versions (H2), where callers must read the rows.
     */
    Map<Long, Long> rowVersions(String model, Collection<Long> ids);

    /**
     * {@link #inTransaction}, for work that saves many new objects (a batch of events): inside it
     * the store may hold back inserts of new objects (those without links set or unique fields)
     * and send them as JDBC batches, before any statement that could see them and at commit. The
     * objects get their ids at {@code save()} as usual, and {@code Model.filter} and
     * {@code count} inside the transaction see them. A held-back insert the database refuses
     * fails the transaction at a later call or at commit. Called inside a transaction,
     * {@code work} joins it as it is.
     */
    <T> T inBatchTransaction(Callable<T> work) throws Exception;

    /**
     * Runs {@code work} in one read transaction that sees a single snapshot of the whole store:
     * every read of every model inside it shows the same moment, whatever other connections commit
     * meanwhile (PostgreSQL REPEATABLE READ, H2 SNAPSHOT). Called inside a transaction, {@code work}
     * joins that transaction instead. Keep {@code work} short: it holds a connection.
     */
    <T> T readSnapshot(Callable<T> work) throws Exception;

    /**
     * Runs {@code work} inside the current thread's transaction after a savepoint: when it throws,
     * its writes alone are rolled back and the transaction stays usable. {@link StoreException}
     * when called outside a transaction. In a {@link #inBatchTransaction batch transaction} the
     * database savepoint is set only when {@code work} runs a statement on the transaction's
     * connection (through the store or {@code currentConnection()}) other than a held-back insert
     * or a read answered beside the held rows; until then a rollback drops {@code work}'s held rows.
     */
    <T> T withSavepoint(Callable<T> work) throws Exception;

    /**
     * The claims and named leases of {@code owner} in the claim table ({@code xsync_claims}). An
     * object claimed in one {@code scope} does not block it in another; sync steps use the empty scope.
     */
    ClaimTable claims(String owner, Duration lease, String scope);

    /** The stored event offsets ({@code xsync_offsets}). */
    OffsetTable offsets();

    /** Which synchronizer owns which model, where several share the store ({@code xsync_models}). */
    ModelRegistry registry();

    /**
     * Registers the connection pool's gauges ({@code hikaricp.connections*}, tagged with the pool
     * name) in {@code registry}, unless they are registered there already.
     */
    void bindPoolMetrics(MeterRegistry registry);

    /**
     * Objects of the model dirty for sync (not deleted, not {@code no_sync} or {@code lazy_blocked},
     * {@code enacted} null or older than {@code updated} or {@code changed_by_policy}; policy state
     * plays no part), oldest {@code updated} first; their saves carry {@link Actor#SYNC_STEP}. Objects of models inheriting from it are included, each as its
     * leaf model (the same holds for the two queries below).
     */
    List<ModelObject> dirtyForSync(String model);

    /** Deleted objects of the model whose backend deletion has not been done yet (saves as SYNC_STEP). */
    List<ModelObject> deletedForSync(String model);

    /** Objects of the model dirty for policy, deleted ones included (for handle_delete); saves as POLICY. */
    List<ModelObject> dirtyForPolicy(String model);

    /** The object as it is now if it is dirty for policy (deleted or not), else empty; saves as POLICY. */
    Optional<ModelObject> dirtyForPolicy(String model, long id);

    /**
     * The same object seen by another actor: same values, and the same loaded state against which
     * the save rules compare (e.g. an engine hands a row it read to a step, or saves bookkeeping).
     */
    ModelObject withActor(ModelObject object, Actor actor);

    /**
     * Whether the database answers, from a background check: cheap, never blocks, names the
     * store when it is unreachable (readiness check {@code store}).
     */
    Readiness health();

    /** The model's objects counted by sync state, by the database (nothing is loaded). */
    ModelCounts counts(String model);

    /**
     * Hands each live failed object ({@code backend_code} 2) of the model to {@code each}, streamed
     * from the database (memory does not grow with the number of rows).
     */
    void scanFailed(String model, Consumer<FailedObject> each);

    /** Purges deleted rows that are reaped or were never synced and that nothing live points at. */
    int reap(String model);

    /**
     * Registers a listener told the names of models whose rows changed, after each commit of this
     * process (on the committing thread), and of other processes using the same database (on a
     * store thread: PostgreSQL LISTEN/NOTIFY, or H2's change log polled twice a second). After the
     * link to other processes was lost, every model name is announced once. Listeners should be
     * quick (e.g. wake an engine).
     */
    void addChangeListener(Consumer<Set<String>> listener);

    @Override
    void close();
}
