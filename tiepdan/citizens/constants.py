CITIZEN_CREATED = "citizen.created"
CITIZEN_UPDATED = "citizen.updated"
CITIZEN_MERGED = "citizen.merged"
