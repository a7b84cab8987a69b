"""Universal Lexical Representation (Gu et al. 2018, Sec. 3.1) and the ``ulr_transformer`` model.

Math against hand-written references in float64; the fairseq model built from a fake task at
tiny sizes; checkpoint loading across different sets of source languages.
"""


import numpy as np
import pytest
import torch
from omegaconf import OmegaConf
from torch.func import functional_call

from fairseq_maml.models.ulr_transformer import (
    ULRTransformerConfig,
    ULRTransformerModel,
)
from fairseq_maml.modules.universal_lexical_embedding import UniversalLexicalEmbedding
from fairseq_maml.modules.word_vectors import hashed_vector, query_matrix, read_vec
from toy import build_ulr_model, fake_task, make_dict, tiny_args

PAD = 1


# -- helpers ---------------------------------------------------------------------------------------
def unit_rows(n, d, gen):
    x = torch.randn(n, d, generator=gen, dtype=torch.float64)
    return x / x.norm(dim=-1, keepdim=True)


def make_ulr(dtype=torch.float64, seed=0, vocab=(7, 5), dq=4, d=3, m=6, tau=0.5):
    """ULR over languages de/fr with random tables, and non-trivial A and E (not their init)."""
    gen = torch.Generator().manual_seed(seed)
    langs = {lang: unit_rows(v, dq, gen) for lang, v in zip(("de", "fr"), vocab)}
    ulr = UniversalLexicalEmbedding(langs, unit_rows(m, dq, gen), d, PAD, tau).to(dtype)
    with torch.no_grad():
        ulr.mapping.add_(0.3 * torch.randn(dq, dq, generator=gen, dtype=dtype))
        for e in ulr.lang_embed.values():
            e.normal_(generator=gen)
    return ulr


def reference_embedding(ulr, tokens, lang):
    """e(x) = softmax(q(x) A K^T / tau) U + E(x), token by token, pad -> 0."""
    q, e = getattr(ulr.lang_query, lang), ulr.lang_embed[lang]
    out = []
    for x in tokens.reshape(-1).tolist():
        if x == ulr.padding_idx:
            out.append(torch.zeros(ulr.embedding_dim, dtype=e.dtype))
            continue
        logits = [(q[x] @ ulr.mapping @ ulr.universal_keys[i]) / ulr.temperature
                  for i in range(ulr.num_universal)]
        weights = torch.exp(torch.stack(logits) - max(logits))
        weights = weights / weights.sum()
        out.append(sum(w * u for w, u in zip(weights, ulr.universal_embed)) + e[x])
    return torch.stack(out).view(*tokens.shape, -1)


def naive_embedding(ulr, tokens, lang):
    """The same without the unique-token shortcut: attention for every position."""
    q = getattr(ulr.lang_query, lang)[tokens]  # [B, T, dq]
    alpha = torch.softmax(q @ ulr.mapping @ ulr.universal_keys.t() / ulr.temperature, -1)
    emb = alpha @ ulr.universal_embed + ulr.lang_embed[lang][tokens]
    return emb * tokens.ne(ulr.padding_idx).unsqueeze(-1).to(emb.dtype)


def batch(model, lang, seed=0):
    gen = torch.Generator().manual_seed(seed)
    v_src, v_tgt = model.ulr.vocab_size(lang), len(model.decoder.dictionary)
    src = torch.randint(4, v_src, (3, 5), generator=gen)
    src[0, :2] = PAD  # left padding, as fairseq collates sources
    prev = torch.randint(4, v_tgt, (3, 4), generator=gen)
    return dict(src_tokens=src, src_lengths=src.ne(PAD).sum(1), prev_output_tokens=prev, src_lang=lang)


# -- the ULR layer --------------------------------------------------------------------------------
def test_forward_matches_per_token_reference():
    ulr = make_ulr()
    tokens = torch.tensor([[1, 3, 3, 6], [0, 2, 1, 5]])
    for lang in ("de", "fr"):
        t = tokens.clamp(max=ulr.vocab_size(lang) - 1)
        torch.testing.assert_close(ulr(t, lang), reference_embedding(ulr, t, lang))
    assert not torch.allclose(ulr(tokens.clamp(max=4), "de"), ulr(tokens.clamp(max=4), "fr"))


def test_padding_embeds_to_zero_and_gets_no_gradient():
    ulr = make_ulr()
    tokens = torch.tensor([[PAD, PAD, 3], [2, 4, PAD]])
    out = ulr(tokens, "de")
    assert out.shape == (2, 3, ulr.embedding_dim)
    assert torch.equal(out[tokens.eq(PAD)], torch.zeros(3, ulr.embedding_dim, dtype=out.dtype))
    assert out[tokens.ne(PAD)].abs().sum() > 0
    out.sum().backward()
    assert ulr.lang_embed["de"].grad[PAD].abs().sum() == 0
    assert ulr.lang_embed["de"].grad[3].abs().sum() > 0


def test_unique_token_path_gives_the_naive_gradients():
    ulr = make_ulr(seed=1)
    tokens = torch.tensor([[2, 3, 3, 6, 2], [PAD, 5, 6, 6, 0]])
    weights = torch.randn(2, 5, ulr.embedding_dim, dtype=torch.float64)
    params = [ulr.mapping, ulr.universal_embed, ulr.lang_embed["de"]]
    fast = torch.autograd.grad((ulr(tokens, "de") * weights).sum(), params)
    slow = torch.autograd.grad((naive_embedding(ulr, tokens, "de") * weights).sum(), params)
    for a, b in zip(fast, slow):
        torch.testing.assert_close(a, b, rtol=1e-12, atol=1e-12)
    assert fast[0].abs().sum() > 0


def test_first_and_second_order_gradients_are_exact():
    ulr = make_ulr(seed=2, vocab=(6, 5), dq=3, d=2, m=4)
    tokens = torch.tensor([[2, 3, 3], [PAD, 5, 0]])

    def f(a, u, e):
        return functional_call(
            ulr, {"mapping": a, "universal_embed": u, "lang_embed.de": e}, (tokens, "de")
        )

    inputs = tuple(p.detach().clone().requires_grad_() for p in
                   (ulr.mapping, ulr.universal_embed, ulr.lang_embed["de"]))
    assert torch.autograd.gradcheck(f, inputs)
    assert torch.autograd.gradgradcheck(f, inputs)


def test_unknown_language_names_the_known_ones():
    with pytest.raises(KeyError, match="'ro'.*knows: de, fr"):
        make_ulr()(torch.tensor([[2]]), "ro")


def test_add_language_starts_from_the_universal_mixture():
    ulr = make_ulr()
    ulr.add_language("ro", getattr(ulr.lang_query, "de").clone())
    assert ulr.languages == ["de", "fr", "ro"]
    assert torch.equal(ulr.lang_embed["ro"], torch.zeros_like(ulr.lang_embed["de"]))
    tokens = torch.tensor([[2, 3]])
    de_universal_only = ulr(tokens, "de") - ulr.lang_embed["de"][tokens]
    torch.testing.assert_close(ulr(tokens, "ro"), de_universal_only)
    assert ulr.language_parameters("ro")[0] is ulr.lang_embed["ro"]
    assert ulr.universal_parameters() == [ulr.universal_embed]
    assert ulr.mapping_parameters() == [ulr.mapping]
    with pytest.raises(ValueError, match="already"):
        ulr.add_language("ro", getattr(ulr.lang_query, "de"))


def test_fresh_layer_has_identity_mapping_and_zero_language_embeddings():
    ulr = UniversalLexicalEmbedding({"de": torch.randn(5, 4)}, torch.randn(6, 4), 8, PAD, 0.1)
    assert torch.equal(ulr.mapping, torch.eye(4))
    assert torch.equal(ulr.lang_embed["de"], torch.zeros(5, 8))
    assert set(ulr.state_dict()) == {
        "universal_keys", "mapping", "universal_embed", "lang_query.de", "lang_embed.de"
    }


# -- word vectors ------------------------------------------------------------------------------------
def test_identical_strings_get_identical_queries_across_languages():
    de = query_matrix(["<s>", "<pad>", "\u2581Paris", "2018", "\u2581Haus"], None, 16)
    fr = query_matrix(["<s>", "<pad>", "Paris", "\u25812018", "\u2581maison"], None, 16)
    assert de.dtype == np.float32 and de.shape == (5, 16)
    np.testing.assert_allclose(np.linalg.norm(de, axis=1), 1.0, rtol=1e-6)
    np.testing.assert_array_equal(de[:4], fr[:4])
    assert abs(float(de[4] @ fr[4])) < 0.9
    np.testing.assert_array_equal(hashed_vector("Paris", 16), de[2])
    assert not np.array_equal(hashed_vector("Paris", 16), hashed_vector("paris", 16))


def test_query_matrix_looks_up_piece_then_stripped_piece_then_hashes():
    vecs = {"\u2581a": np.array([3.0, 0, 0, 0]), "b": np.array([0, 2.0, 0, 0]),
            "</s>": np.array([0, 0, 1.0, 0])}
    q = query_matrix(["\u2581a", "\u2581b", "\u2581c", "</s>"], vecs, 4)
    np.testing.assert_array_equal(q[0], [1, 0, 0, 0])
    np.testing.assert_array_equal(q[1], [0, 1, 0, 0])
    np.testing.assert_array_equal(q[2], hashed_vector("c", 4))
    np.testing.assert_array_equal(q[3], hashed_vector("</s>", 4))  # specials always hashed


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_read_vec_reads_the_fasttext_format(tmp_path):
    f = write(tmp_path / "de.vec", "3 2\nhaus 1 2\n\u2581x 0.5 -1\nhaus 9 9\n")
    vecs = read_vec(f, 2)
    assert set(vecs) == {"haus", "\u2581x"}
    np.testing.assert_array_equal(vecs["haus"], [1, 2])  # first occurrence wins
    assert set(read_vec(f, 2, keep={"haus", "zzz"})) == {"haus"}


# -- the fairseq model -------------------------------------------------------------------------------
def test_tiny_model_with_tied_decoder_embedding_trains_and_round_trips():
    model = build_ulr_model(["de", "fr"])
    assert model.encoder.embed_tokens is model.ulr
    assert model.decoder.output_projection.weight is model.decoder.embed_tokens.weight
    assert len(model.encoder.layers) == 2 and model.ulr.query_dim == 8
    assert model.ulr.num_universal == len(model.decoder.dictionary)
    sample = batch(model, "fr")
    logits, _ = model(**sample)
    assert logits.shape == (3, 4, len(model.decoder.dictionary))
    logits.logsumexp(-1).sum().backward()
    for p in (model.ulr.lang_embed["fr"], model.ulr.mapping, model.ulr.universal_embed):
        assert p.grad is not None and p.grad.abs().sum() > 0
    assert model.ulr.lang_embed["de"].grad is None or model.ulr.lang_embed["de"].grad.abs().sum() == 0

    model.eval()
    other = build_ulr_model(["de", "fr"], seed=1).eval()
    assert not torch.allclose(other(**sample)[0], model(**sample)[0])
    other.load_state_dict(model.state_dict())
    torch.testing.assert_close(other(**sample)[0], model(**sample)[0])


def test_state_dict_names():
    keys = set(build_ulr_model(["de", "fr"]).state_dict())
    ulr_keys = {k for k in keys if k.startswith("encoder.embed_tokens.")}
    assert ulr_keys == {f"encoder.embed_tokens.{k}" for k in (
        "universal_keys", "mapping", "universal_embed", "lang_query.de", "lang_query.fr",
        "lang_embed.de", "lang_embed.fr")}


def test_encoder_needs_src_lang_only_with_several_languages():
    model = build_ulr_model(["de", "fr"]).eval()
    sample = batch(model, "de")
    del sample["src_lang"]
    with pytest.raises(ValueError, match="several source languages"):
        model(**sample)
    single = build_ulr_model(["de"]).eval()
    single.load_state_dict(model.state_dict())  # drops fr
    torch.testing.assert_close(single(**sample)[0], model(**sample, src_lang="de")[0])


def test_generation_path_encoder_and_reorder():
    model = build_ulr_model(["de", "fr"]).eval()
    sample = batch(model, "de")
    net_input = {k: sample[k] for k in ("src_tokens", "src_lengths", "src_lang")}
    enc = model.encoder.forward_torchscript(net_input)
    order = torch.tensor([2, 2, 0])
    reordered = model.encoder.reorder_encoder_out(enc, order)
    torch.testing.assert_close(reordered["encoder_out"][0], enc["encoder_out"][0][:, order])
    fr = model.encoder.forward_torchscript({**net_input, "src_lang": "fr"})
    assert not torch.allclose(fr["encoder_out"][0], enc["encoder_out"][0])


def test_inner_loop_parameter_choices():
    model = build_ulr_model(["de", "fr"])
    ulr = model.ulr
    emb = model.parameter_group("embeddings", "fr")
    assert [id(p) for p in emb] == [id(ulr.mapping), id(ulr.lang_embed["fr"])]  # model order

    enc = model.parameter_group("embeddings_encoder", "fr")
    layer_ids = {id(p) for p in model.encoder.layers.parameters()}
    assert {id(p) for p in enc} == {id(ulr.mapping), id(ulr.lang_embed["fr"])} | layer_ids
    assert id(ulr.universal_embed) not in {id(p) for p in enc}
    assert len(enc) == len({id(p) for p in enc})

    everything = model.parameter_group("all", "fr")
    ids = [id(p) for p in everything]
    assert len(ids) == len(set(ids))
    assert ids.count(id(model.decoder.embed_tokens.weight)) == 1  # tied in/out embedding once
    all_slots = {id(p) for m in model.modules() for p in m._parameters.values() if p is not None}
    assert set(ids) == all_slots
    assert everything == model.parameter_group("all", "fr")  # deterministic order

    with pytest.raises(ValueError, match="--inner-params 'encoder'"):
        model.parameter_group("encoder", "fr")
    with pytest.raises(ValueError, match="several source languages"):
        model.parameter_group("embeddings", None)


def test_share_all_embeddings_is_refused():
    args = tiny_args(share_all_embeddings=True)
    with pytest.raises(ValueError, match="--share-all-embeddings is impossible"):
        ULRTransformerModel.build_model(args, fake_task(["de"]))


def test_dataclass_config_path_builds_the_default_sizes():
    root = OmegaConf.create({
        "task": {"max_source_positions": 40, "max_target_positions": 30},
        "model": OmegaConf.structured(ULRTransformerConfig(encoder_layers=1, decoder_layers=1)),
    })
    model = ULRTransformerModel.build_model(root.model, fake_task(["de"]))
    assert model.encoder.max_source_positions == 40 and model.decoder.max_target_positions == 30
    assert model.ulr.embedding_dim == 512 and model.ulr.query_dim == 64
    assert model.ulr.temperature == 0.05


# -- checkpoints across languages ----------------------------------------------------------------------
def test_loading_de_fr_into_de_ro_keeps_ro_fresh_and_drops_fr():
    meta = build_ulr_model(["de", "fr"], seed=0)
    with torch.no_grad():
        for p in meta.parameters():
            p.add_(0.1)
    tuned = build_ulr_model(["de", "ro"], seed=1)
    fresh_ro = {k: v.clone() for k, v in tuned.state_dict().items() if k.endswith(".ro")}
    tuned.load_state_dict(meta.state_dict())
    state = tuned.state_dict()
    assert not any(k.endswith(".fr") for k in state)
    for k, v in fresh_ro.items():
        assert torch.equal(state[k], v)
    assert torch.equal(tuned.ulr.lang_embed["ro"], torch.zeros_like(tuned.ulr.lang_embed["ro"]))
    for k in ("encoder.embed_tokens.lang_embed.de", "encoder.embed_tokens.universal_embed",
              "decoder.embed_tokens.weight", "encoder.layers.0.fc1.weight"):
        assert torch.equal(state[k], meta.state_dict()[k])


# -- aligned vectors ----------------------------------------------------------------------------------
def test_vectors_dir_gives_queries_and_keys(tmp_path):
    dq = 8
    gen = np.random.default_rng(0)
    shared = {w: gen.standard_normal(dq) for w in ("haus", "house", "paris")}
    shared["house"] = shared["haus"]  # aligned: Haus ~ house
    for lang, words in (("de", ["haus", "Paris"]), ("en", ["house", "Paris"])):
        lines = [f"{w} " + " ".join(f"{x:.6f}" for x in shared[w.lower()]) for w in words]
        write(tmp_path / f"{lang}.vec", f"{len(lines)} {dq}\n" + "\n".join(lines) + "\n")
    args = tiny_args(ulr_vectors_dir=str(tmp_path))
    task = fake_task(["de"])
    task.src_dicts["de"] = make_dict(["\u2581Haus", "haus", "\u2581Paris"])
    torch.manual_seed(0)
    model = ULRTransformerModel.build_model(args, task)
    q, k = model.ulr.lang_query.de, model.ulr.universal_keys
    tgt = task.target_dictionary
    assert torch.allclose(q[task.src_dicts["de"].index("haus")], k[tgt.index("\u2581house")], atol=1e-6)
    assert torch.allclose(q[task.src_dicts["de"].index("\u2581Paris")], k[tgt.index("\u2581Paris")])
    # "▁Haus" is not in de.vec (case) and falls back to the hashed vector of "Haus"
    assert torch.allclose(q[task.src_dicts["de"].index("\u2581Haus")],
                          torch.from_numpy(hashed_vector("Haus", dq)))

    (tmp_path / "en.vec").unlink()
    with pytest.raises(FileNotFoundError, match=r"--ulr-vectors-dir .* has no en\.vec"):
        ULRTransformerModel.build_model(args, task)
    task.building_from_checkpoint = True  # generation: no file is read
    ULRTransformerModel.build_model(args, task)


def test_float64_model_keeps_float64_output_probabilities():
    model = build_ulr_model(["de"]).double().eval()
    out = model(**batch(model, "de"))
    lprobs = model.get_normalized_probs(out, log_probs=True)
    assert lprobs.dtype == torch.float64  # fairseq's utils.log_softmax would cast to float32
    torch.testing.assert_close(lprobs, torch.log_softmax(out[0], -1))
    assert model.float()(**batch(model, "de"))[0].dtype == torch.float32
