"""What the API shows of each record: no private notes, no conversation notes or wellbeing answers."""

from rest_framework import serializers

from coaching.models import Conversation
from goals.models import Goal
from people.models import Employee, Team


class PersonSerializer(serializers.ModelSerializer):
    first_name = serializers.CharField(source="user.first_name")
    last_name = serializers.CharField(source="user.last_name")
    email = serializers.EmailField(source="user.email")

    class Meta:
        model = Employee
        fields = [
            "id",
            "employee_number",
            "first_name",
            "last_name",
            "email",
            "title",
            "role",
            "site",
            "team",
            "started_on",
            "ended_on",
            "employment_type",
            "shift",
            "language",
            "updated_at",
        ]


class TeamSerializer(serializers.ModelSerializer):
    site_name = serializers.CharField(source="site.name")

    class Meta:
        model = Team
        fields = ["id", "name", "site", "site_name", "leader", "updated_at"]


class ConversationSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="conversation_type.kind")
    type_name = serializers.CharField(source="conversation_type.name")

    class Meta:
        model = Conversation
        fields = [
            "id",
            "employee",
            "leader",
            "type",
            "type_name",
            "status",
            "scheduled_at",
            "duration_minutes",
            "held_at",
            "summary_confirmed_at",
            "created_at",
            "updated_at",
        ]


class GoalSerializer(serializers.ModelSerializer):
    metric = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "employee",
            "kind",
            "title",
            "status",
            "starts_on",
            "due_on",
            "metric",
            "baseline",
            "target",
            "created_at",
            "updated_at",
        ]
