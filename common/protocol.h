/*
 * protocol.h
 *		Message type bytes and request codes of the PostgreSQL
 *		frontend/backend protocol (version 3).
 *
 * Names follow PostgreSQL's src/include/libpq/protocol.h.
 */
#ifndef PGW_PROTOCOL_H
#define PGW_PROTOCOL_H

/* Frontend -> backend */
#define PqMsg_Bind					'B'
#define PqMsg_Close					'C'
#define PqMsg_Describe				'D'
#define PqMsg_Execute				'E'
#define PqMsg_FunctionCall			'F'
#define PqMsg_Flush					'H'
#define PqMsg_Parse					'P'
#define PqMsg_Query					'Q'
#define PqMsg_Sync					'S'
#define PqMsg_Terminate				'X'
#define PqMsg_CopyFail				'f'
#define PqMsg_GSSResponse			'p'
#define PqMsg_PasswordMessage		'p'
#define PqMsg_SASLInitialResponse	'p'
#define PqMsg_SASLResponse			'p'

/* Backend -> frontend */
#define PqMsg_ParseComplete			'1'
#define PqMsg_BindComplete			'2'
#define PqMsg_CloseComplete			'3'
#define PqMsg_NotificationResponse	'A'
#define PqMsg_CommandComplete		'C'
#define PqMsg_DataRow				'D'
#define PqMsg_ErrorResponse			'E'
#define PqMsg_CopyInResponse		'G'
#define PqMsg_CopyOutResponse		'H'
#define PqMsg_EmptyQueryResponse	'I'
#define PqMsg_BackendKeyData		'K'
#define PqMsg_NoticeResponse		'N'
#define PqMsg_AuthenticationRequest	'R'
#define PqMsg_ParameterStatus		'S'
#define PqMsg_RowDescription		'T'
#define PqMsg_FunctionCallResponse	'V'
#define PqMsg_CopyBothResponse		'W'
#define PqMsg_ReadyForQuery			'Z'
#define PqMsg_NoData				'n'
#define PqMsg_PortalSuspended		's'
#define PqMsg_ParameterDescription	't'
#define PqMsg_NegotiateProtocolVersion 'v'

/* Both directions */
#define PqMsg_CopyDone				'c'
#define PqMsg_CopyData				'd'

/* Authentication request codes (Int32 after 'R') */
#define AUTH_REQ_OK					0
#define AUTH_REQ_PASSWORD			3
#define AUTH_REQ_MD5				5
#define AUTH_REQ_SASL				10
#define AUTH_REQ_SASL_CONT			11
#define AUTH_REQ_SASL_FIN			12

/* First-packet request codes */
#define PG_PROTOCOL(major, minor)	(((major) << 16) | (minor))
#define PG_PROTOCOL_MAJOR(v)		((v) >> 16)
#define PG_PROTOCOL_MINOR(v)		((v) & 0xffff)
#define PG_PROTOCOL_EARLIEST		PG_PROTOCOL(3, 0)
#define PG_PROTOCOL_LATEST			PG_PROTOCOL(3, 2)
#define CANCEL_REQUEST_CODE			PG_PROTOCOL(1234, 5678)
#define NEGOTIATE_SSL_CODE			PG_PROTOCOL(1234, 5679)
#define NEGOTIATE_GSS_CODE			PG_PROTOCOL(1234, 5680)

/* Size limits, as PostgreSQL's pqcomm.h */
#define MAX_STARTUP_PACKET_LENGTH	10000
#define PQ_SMALL_MESSAGE_LIMIT		10000
#define PQ_LARGE_MESSAGE_LIMIT		(1024 * 1024 * 1024 - 1)

/* Transaction status in ReadyForQuery */
#define TXN_STATUS_IDLE				'I'
#define TXN_STATUS_IN_BLOCK			'T'
#define TXN_STATUS_FAILED			'E'

#endif							/* PGW_PROTOCOL_H */
