package dev.floe.api.expr;

import dev.floe.api.PlanException;
import dev.floe.api.types.DataType;
import dev.floe.api.types.Schema;
import java.util.List;
import java.util.stream.Collectors;

/** The first non-null argument, row by row. */
public record Coalesce(List<Expr> args) implements Expr {
    public Coalesce {
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new PlanException("coalesce needs at least one argument");
        }
    }

    @Override public List<Expr> children() { return args; }

    @Override public Expr withChildren(List<Expr> c) { return new Coalesce(c); }

    @Override
    public DataType type(Schema input) {
        DataType t = args.get(0).type(input);
        for (int i = 1; i < args.size(); i++) {
            t = TypeRules.commonType(this, t, args.get(i).type(input));
        }
        return t;
    }

    @Override
    public String display() {
        return args.stream().map(Expr::display).collect(Collectors.joining(", ", "coalesce(", ")"));
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitCoalesce(this);
    }
}
