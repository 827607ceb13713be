"""Database lookups registered at start-up."""

from django.db.models import CharField, Lookup, TextField


@CharField.register_lookup
@TextField.register_lookup
class Like(Lookup):
    """`field LIKE pattern` with wildcards placed by the caller.

    Used on stored search keys (already case-folded, accent-free), so SQLite's ASCII-only case
    folding does not matter; on PostgreSQL a trigram index serves `'%a%b%'` in one scan.
    Callers must strip `%` and `_` from user input.
    """

    lookup_name = "like"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *rhs_params]
