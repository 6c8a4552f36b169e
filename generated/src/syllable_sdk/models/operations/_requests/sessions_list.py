"""The request model of ``sessions.list``."""

from __future__ import annotations

from ... import components
from ..._base import Model


class SessionsListRequest(Model):
    """Parameters of ``sessions.list`` (GET /api/v1/sessions/)."""

    page: int | None = 0
    """Zero-based number of the page to return. (query parameter ``page``)"""
    limit: int = 25
    """Largest number of sessions to return on the page. (query parameter ``limit``)"""
    search_fields: list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None
    """Fields to search in; each pairs with the value at the same position in search_field_values. (query parameter ``search_fields``)"""
    search_field_values: list[str] | None = None
    """Values to search for; each pairs with the field at the same position in search_fields. A single value is never a list unless the field's name says it holds one. (query parameter ``search_field_values``)"""
    order_by: components.SessionProperties | components.SessionPropertiesLiteral | None = None
    """Field to sort the sessions by. (query parameter ``order_by``)"""
    order_by_direction: components.OrderByDirection | components.OrderByDirectionLiteral | None = None
    """Whether to sort ascending or descending. (query parameter ``order_by_direction``)"""
    fields: list[components.SessionProperties | components.SessionPropertiesLiteral] | None = None
    """Fields to include in each returned session; all fields when empty. (query parameter ``fields``)"""
    start_datetime: str | None = None
    """Only sessions at or after this ISO 8601 date-time. (query parameter ``start_datetime``)"""
    end_datetime: str | None = None
    """Only sessions before this ISO 8601 date-time. (query parameter ``end_datetime``)"""
