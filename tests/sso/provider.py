"""A small OpenID Connect provider for the tests, served over real HTTP by pytest-httpserver: discovery,
keys, an authorization endpoint that signs in `person` at once, and a token endpoint that checks the
client secret, the PKCE verifier and that a code is used once, and issues a signed ID token."""

import base64
import hashlib
import json
import secrets
import time
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug import Response

CLIENT_ID = "samtal-test"
CLIENT_SECRET = "test-client-secret"


class Provider:
    def __init__(self, server):
        self.server = server
        self.issuer = server.url_for("/idp")
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(4)
        self.person = {}  # the claims of whoever signs in next
        self.changes = {}  # claims to set or override in the next ID token (aud, exp, iss, nonce ...)
        self.tamper = False  # change the payload after signing
        self.codes = {}
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        jwk.update(kid=self.kid, alg="RS256", use="sig")
        server.expect_request("/idp/.well-known/openid-configuration").respond_with_json(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "userinfo_endpoint": f"{self.issuer}/userinfo",
                "end_session_endpoint": f"{self.issuer}/logout",
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )
        server.expect_request("/idp/jwks").respond_with_json({"keys": [jwk]})
        server.expect_request("/idp/authorize").respond_with_handler(self.authorize)
        server.expect_request("/idp/token", method="POST").respond_with_handler(self.token)

    def authorize(self, request):
        args = request.args
        assert args["client_id"] == CLIENT_ID and args["response_type"] == "code"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": args["nonce"],
            "challenge": args["code_challenge"],
            "redirect_uri": args["redirect_uri"],
        }
        query = urlencode({"code": code, "state": args["state"]})
        return Response(status=302, headers={"Location": f"{args['redirect_uri']}?{query}"})

    def token(self, request):
        form = request.form
        grant = self.codes.pop(form.get("code"), None)
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if (
            grant is None
            or form.get("client_secret") != CLIENT_SECRET
            or challenge != grant["challenge"]
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return Response(
                json.dumps({"error": "invalid_grant"}), status=400, content_type="application/json"
            )
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            **self.person,
            **self.changes,
        }
        id_token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})
        if self.tamper:
            header, payload, signature = id_token.split(".")
            forged = json.loads(base64.urlsafe_b64decode(payload + "=="))
            forged["sub"] = "someone-else"
            payload = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
            id_token = f"{header}.{payload}.{signature}"
        body = {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }
        return Response(json.dumps(body), content_type="application/json")
