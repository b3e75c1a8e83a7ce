"""An ``__in`` lookup on integer columns that leaves out numbers no column can hold.

Django already answers ``pk=10**30`` with no rows (its exact lookup knows the column's range), but
``pk__in=[10**30]`` reaches the database driver, which fails (SQLite: OverflowError; PostgreSQL:
out of range). Ids in ``__in`` come from forms (``ModelMultipleChoiceField``, checked cards), so a
30-digit number typed into one would be a server error. Registered for every integer field by
``CoreConfig.ready``."""

from __future__ import annotations

from django.db.models import IntegerField
from django.db.models.lookups import In


class InRange(In):
    lookup_name = "in"

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(InRange)
