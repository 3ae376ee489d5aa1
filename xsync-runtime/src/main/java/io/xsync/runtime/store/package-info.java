/**
 * The model store: {@link io.xsync.runtime.store.JdbcStore} on H2 (embedded default, a file under
 * {@code data_dir} with {@code AUTO_SERVER=TRUE} so CLI commands work while {@code run} has it
 * open) or PostgreSQL.
 *
 * <h2>Tables</h2>
 * One table per model, {@code xs_<model lower case>}, holding the base, inherited and own fields as
 * quoted lower-case columns; a {@code manytoone}/{@code onetoone} link {@code site} is the column
 * {@code site_id}. Ids come from one sequence, {@code xsync_ids}, so they are unique across models
 * (a link to a parent model may point at a row of any model inheriting from it).
 *
 * <h2>Inheritance</h2>
 * An object is one row, in the table of its leaf model, which has every column of its ancestors.
 * Reads of a model that others inherit from ({@code Service}) select from the union of its table and
 * its descendants' tables projected onto its columns, so listing or filtering a parent includes the
 * objects of its subclasses, seen as the parent; {@code leaf_model_name} names the real model, and
 * saves and deletes of such an object go to that model's table ({@code Catalog.rowTable}). The
 * engine queries (dirty, deleted, policy) of a parent return subclass objects as their leaf model,
 * read from their own tables.
 *
 * <h2>manytomany</h2>
 * A manytomany link's value is a list of peer ids ({@code <link>_ids}), written with the object
 * ({@code ManyToManyValues}). A through model that no xproto file defines is a join table the store
 * keeps, {@code xs_<through lower case>}, with Django's column names ({@code <model>_id},
 * {@code <peer>_id}); a defined through model's objects are the pairs. Deleting objects removes the
 * join-table pairs that name them.
 * {@code xsync_columns} records each column's model, field and type: added models and fields are
 * created in place on open, while a removed field or a changed type refuses to open with one
 * message listing every difference.
 *
 * <h2>Framework tables</h2>
 * The store owns every table xsync keeps for itself and all of its SQL; engines get typed
 * operations and never a connection. {@code xsync_offsets} keeps event offsets, moved with
 * optimistic fencing in the events' transaction ({@link io.xsync.runtime.store.OffsetTable},
 * {@link io.xsync.runtime.store.Store#offsets()}); {@code xsync_claims} keeps claims on objects and
 * named leases ({@link io.xsync.runtime.store.ClaimTable},
 * {@link io.xsync.runtime.store.Store#claims}); on H2, {@code xsync_change_log} carries change
 * notifications between processes. All are created on open by {@code SchemaMigrator}.
 *
 * <h2>Rules</h2>
 * Saves follow docs/semantics.md ("Save rules") by the {@link io.xsync.runtime.store.Actor} of the accessor
 * ({@code ObjectWriter}, {@code SaveRules}, {@code UniqueRules}); deletes are soft and cascade in
 * one transaction ({@code DeleteCascade}); "now" is the injected
 * {@link io.xsync.runtime.time.Time}, made strictly increasing per store ({@code MonotonicClock}).
 * An update writes only the columns that changed since the object was loaded (or those named by
 * {@code update_fields}), so concurrent writers of different fields do not undo each other.
 *
 * <h2>Transactions and notification</h2>
 * {@code TxManager} binds a connection to the thread inside
 * {@link io.xsync.runtime.store.Store#inTransaction}; every operation of that thread joins it.
 * After a commit that changed rows, change listeners hear the model names; other processes hear
 * them through PostgreSQL LISTEN/NOTIFY or H2's change log.
 *
 * <h2>Engine queries</h2>
 * The WHERE clauses of dirty-for-sync, deleted-for-sync, dirty-for-policy and reap live in
 * {@code Predicates}; on PostgreSQL the same text defines partial indexes, so these queries read
 * only the rows they return.
 */
package io.xsync.runtime.store;
