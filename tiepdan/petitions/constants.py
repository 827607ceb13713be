PETITION_RECEIVED = "petition.received"
NUMBER_SEQUENCE = "petition"
