package io.xsync.cli;

import io.xsync.api.Model;
import io.xsync.api.ModelException;
import io.xsync.api.ModelObject;
import io.xsync.runtime.SharedModels;
import io.xsync.runtime.config.XsyncConfig;
import io.xsync.runtime.schema.ModelDef;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xsync models list|get|create|update|delete MODEL ...}: the model store as an API caller
 * sees it (saves move {@code updated}; feedback fields are refused). Works while {@code xsync run}
 * holds the same embedded store.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists, reads, creates, updates and deletes model objects.",
        subcommands = {ModelsCommand.ListObjects.class, ModelsCommand.GetObject.class,
                ModelsCommand.CreateObject.class, ModelsCommand.UpdateObject.class, ModelsCommand.DeleteObject.class})
final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, get, create, update or delete");
    }

    /** What every subcommand shares: config, output format, the model argument. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--json", description = "Print one JSON object per line, every field included.")
        boolean json;

        @Parameters(index = "0", paramLabel = "MODEL", description = "Model name, e.g. MyModel.")
        String modelName;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            LoggingSetup.quiet();
            XsyncConfig cfg = config.load();
            SharedModels models = ModelAccess.models(cfg);
            ModelDef def = models.schema().model(modelName);
            parse(def);
            try (ModelAccess access = ModelAccess.open(cfg, models)) {
                run(def, access.models.get(modelName), new ObjectPrinter(out()));
            }
            return 0;
        }

        /** Checks and converts the arguments before the store is opened, so a bad one writes nothing. */
        void parse(ModelDef def) {
        }

        abstract void run(ModelDef def, Model model, ObjectPrinter printer);

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        ModelObject find(Model model, long id) {
            return model.get(id).orElseThrow(() -> new ModelException(ModelException.Kind.NOT_FOUND,
                    model.name() + " " + id + " does not exist"));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists live objects in id order, optionally filtered, one page at a time.")
    static final class ListObjects extends Base {
        @Parameters(index = "1..*", paramLabel = "FIELD=VALUE", description = "Filters (name__startswith=J, id__in=1,2).")
        List<String> filters = new ArrayList<>();

        @Option(names = "--limit", defaultValue = "100", description = "At most this many objects (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--offset", defaultValue = "0", description = "Skip this many objects first, in id order.")
        long offset;

        private static final long COUNT_BEYOND_PAGE = 10_000;
        private Map<String, Object> criteria;

        @Override
        void parse(ModelDef def) {
            if (limit < 0 || offset < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit and --offset must not be negative");
            }
            criteria = FieldArgs.criteria(spec.commandLine(), def, filters);
        }

        @Override
        void run(ModelDef def, Model model, ObjectPrinter printer) {
            List<ModelObject> objects = model.page(criteria, limit, offset);
            if (json) {
                printer.json(objects);
            } else {
                printer.table(def, objects);
            }
            long cap = offset + objects.size() + COUNT_BEYOND_PAGE; // the count stays cheap on large tables
            long total = model.count(criteria, cap + 1);
            if (offset + objects.size() < total || offset > 0) {
                spec.commandLine().getErr().printf("%d of %s%d shown (from offset %d); see --limit and --offset%n",
                        objects.size(), total > cap ? "more than " : "", Math.min(total, cap), offset);
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Prints every field of one object.")
    static final class GetObject extends Base {
        @Parameters(index = "1", paramLabel = "ID")
        long id;

        @Override
        void run(ModelDef def, Model model, ObjectPrinter printer) {
            ModelObject o = find(model, id);
            if (json) {
                printer.json(o);
            } else {
                printer.vertical(o);
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates an object; prints its id.")
    static final class CreateObject extends Base {
        @Parameters(index = "1..*", paramLabel = "FIELD=VALUE",
                description = "Field values, converted by field type; a link takes an id (site=3).")
        List<String> assignments = new ArrayList<>();

        private Map<String, Object> values;

        @Override
        void parse(ModelDef def) {
            values = FieldArgs.values(spec.commandLine(), def, assignments);
        }

        @Override
        void run(ModelDef def, Model model, ObjectPrinter printer) {
            ModelObject o = model.newObject();
            values.forEach(o::set);
            o.save();
            if (json) {
                printer.json(o);
            } else {
                out().println(o.id());
            }
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Sets fields of an object.")
    static final class UpdateObject extends Base {
        @Parameters(index = "1", paramLabel = "ID")
        long id;

        @Parameters(index = "2..*", paramLabel = "FIELD=VALUE", arity = "1..*",
                description = "Field values; an empty value clears a non-string field.")
        List<String> assignments = new ArrayList<>();

        private Map<String, Object> values;

        @Override
        void parse(ModelDef def) {
            values = FieldArgs.values(spec.commandLine(), def, assignments);
        }

        @Override
        void run(ModelDef def, Model model, ObjectPrinter printer) {
            ModelObject o = find(model, id);
            values.forEach(o::set);
            o.save();
            if (json) {
                printer.json(o);
            } else {
                out().println("updated " + model.name() + " " + o.id());
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Soft-deletes an object (and the objects linking to it).")
    static final class DeleteObject extends Base {
        @Parameters(index = "1", paramLabel = "ID")
        long id;

        @Override
        void run(ModelDef def, Model model, ObjectPrinter printer) {
            find(model, id).delete();
            out().println("deleted " + model.name() + " " + id);
        }
    }
}
