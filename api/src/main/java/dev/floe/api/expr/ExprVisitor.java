package dev.floe.api.expr;

/**
 * One method per expression record, none with a default: a new record under {@link Expr} does
 * not compile until every visitor says what it does with it (Java 17's stand-in for an
 * exhaustive pattern switch).
 *
 * <pre>{@code
 * Node node = expr.accept(compiler);   // ExprCompiler's builder is an ExprVisitor<Node>
 * }</pre>
 *
 * @param <R> what a visit returns
 */
public interface ExprVisitor<R> {
    R visitColumn(Column e);

    R visitLiteral(Literal e);

    R visitAlias(Alias e);

    R visitBinary(Binary e);

    R visitUnary(Unary e);

    R visitCast(Cast e);

    R visitIfElse(IfElse e);

    R visitIsIn(IsIn e);

    R visitBetween(Between e);

    R visitFillNull(FillNull e);

    R visitRound(Round e);

    R visitCoalesce(Coalesce e);

    R visitAgg(AggExpr e);

    R visitSortKey(SortKey e);

    R visitString(StringFunction e);

    R visitTemporal(TemporalFunction e);

    R visitUdf(Udf e);

    R visitList(ListFunction e);

    R visitStructField(StructField e);

    R visitHash(Hash e);

    R visitGrouping(Grouping e);

    R visitWindow(WindowExpr e);

    R visitWindowFunction(WindowFunction e);

    R visitSubquery(Subquery e);

    R visitOuterColumn(OuterColumn e);

    R visitCall(FunctionCall e);

    R visitNondeterministic(Nondeterministic e);
}
