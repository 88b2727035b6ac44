from ninja import NinjaAPI

api = NinjaAPI(title="Minga API", version="1.0.0", urls_namespace="api-v1")
