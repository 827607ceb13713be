CITIZEN_CREATED = "citizen.created"
CITIZEN_UPDATED = "citizen.updated"
CITIZEN_MERGED = "citizen.merged"
# Every download of a document that carries citizens' personal data (registers, receipts,
# proposals, a subject-access answer): Luật Bảo vệ dữ liệu cá nhân 91/2025.
PERSONAL_DATA_EXPORTED = "personal_data.exported"
