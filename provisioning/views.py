"""django-scim2's views, with what Samtal needs on top: each write in one transaction (a refused
request leaves nothing half-saved), lists counted and paged in SQL, filters through the ORM, and
unknown ids answered 404."""

import json

from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django_scim import constants, exceptions
from django_scim import views as scim_views
from django_scim.models import SCIMServiceProviderConfig

from provisioning.filters import is_id

MAX_RESULTS = 200


class SamtalScimView:
    def get_object(self):
        uuid = str(self.kwargs.get(self.lookup_url_kwarg, ""))
        record = None
        if is_id(uuid):
            records = self.model_cls.objects.filter(pk=uuid)
            if self.request.method != "GET":
                # A write reads the record, changes it and saves it whole (PATCH, group members):
                # the lock makes a parallel write wait and then read what this one saved.
                records = records.select_for_update(of=("self",))
            record = self.scim_adapter.with_related(records).first()
        if record is None:
            raise exceptions.NotFoundError(uuid)
        return record

    def load_body(self, body):
        try:
            document = json.loads(body.decode("utf-8").strip() or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            document = None
        if not isinstance(document, dict):  # every SCIM request body is a JSON object
            raise exceptions.BadRequestError(_("The body is not a JSON object."), scim_type="invalidSyntax")
        return document

    def _search(self, request, query, start, count):
        try:
            records = self.__class__.parser_getter().search(query, request)
        except ValueError:
            raise exceptions.BadRequestError(
                _('Samtal supports filters of the form attribute eq "value" (and "and"), not: %(filter)s')
                % {"filter": query},
                scim_type="invalidFilter",
            ) from None
        return self._build_response(request, records, start, count)

    def _build_response(self, request, records, start, count):
        count = max(0, min(count, MAX_RESULTS))
        page = self.scim_adapter.with_related(records)[start - 1 : start - 1 + count]
        resources = [self.scim_adapter(record, request=request).to_dict() for record in page]
        document = {
            "schemas": [constants.SchemaURI.LIST_RESPONSE],
            "totalResults": records.count(),
            "itemsPerPage": len(resources),
            "startIndex": start,
            "Resources": resources,
        }
        return HttpResponse(json.dumps(document), content_type=constants.SCIM_CONTENT_TYPE)

    @transaction.atomic
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    @transaction.atomic
    def put(self, request, *args, **kwargs):
        return super().put(request, *args, **kwargs)

    @transaction.atomic
    def patch(self, request, *args, **kwargs):
        return super().patch(request, *args, **kwargs)

    @transaction.atomic
    def delete(self, request, *args, **kwargs):
        return super().delete(request, *args, **kwargs)


class PeopleView(SamtalScimView, scim_views.UsersView):
    pass


class TeamsView(SamtalScimView, scim_views.GroupsView):
    pass


class PeopleSearchView(SamtalScimView, scim_views.UserSearchView):
    pass


class TeamsSearchView(SamtalScimView, scim_views.GroupSearchView):
    pass


class ServiceProviderConfig(SCIMServiceProviderConfig):
    """What Samtal supports, told to the identity provider: PATCH and `eq` filters, no bulk, no
    passwords (people sign in through single sign-on)."""

    def to_dict(self):
        document = super().to_dict()
        document["filter"] = {"supported": True, "maxResults": MAX_RESULTS}
        document["changePassword"] = {"supported": False}
        return document
